// One invocation of wfgen-run: decide whether a step must run, run its
// script lines, and leave Ninja the right signals (stamp mtime, depfile).
//
// The protocol with Ninja (docs/runtime.md walks through it):
// - The step's stamp is its Ninja output; its mtime moves only when the
//   step changed the bytes of an output. Consumers depend on it, so
//   `restat = 1` prunes them when a rerun changed nothing (early cutoff).
// - Outputs rewritten with identical bytes get their old mtime back, so the
//   next Ninja run does not look at their consumers either.
// - The depfile lists the files inside directory deps and outputs.
// - The record (record.h) is written only after every line succeeded.
// - A parallel group member also touches its "ran" marker (the group's
//   replay depends on it), reports its state, and on failure stops the
//   rest of its group (group.h).
#pragma once

#include <string>

#include "runtime/base/clock.h"
#include "runtime/base/disk.h"
#include "runtime/base/subprocess.h"
#include "runtime/base/working_dir.h"
#include "runtime/state/wrapper_options.h"

namespace wfgen {

// What Ninja passes (runtime/state/wrapper_options.h: the same struct the
// generator writes from).
using RunOptions = WrapperOptions;

class LogFile;
class StepLocking;

// Everything a step touches: the disk, processes and signals, the clock,
// the current directory, its log file, and its locks. RunStep uses the
// real ones (the disk from main); unit tests fakes of all of them
// (fake_runner.h, runtime/base/disk_fake.h), so no file, process or sleep
// is real.
struct StepSystem {
  Disk* disk;
  CommandRunner* runner;
  Clock* clock;
  WorkingDir* dir;
  LogFile* log;
  StepLocking* locks;
};

// How one step ended: the exit status, and for an interrupt (Ctrl-C, or
// SIGTERM not sent by a failing sibling) the signal to die of, so that
// Ninja sees it.
struct StepExit {
  int code = 0;
  int die_of_signal = 0;
};

// The whole state machine of one step (docs/runtime.md): skip, or run the
// script (with retries), record, report. The current directory becomes
// the project directory.
StepExit RunStepWith(const RunOptions& options, const StepSystem& system);

// Returns the process exit status. On an interrupt (Ctrl-C), it kills the
// step's processes and then re-raises the signal, so Ninja sees it.
int RunStep(const RunOptions& options, Disk* disk);

// `wfgen-run --replay GROUPFILE --stamp FILE`: prints the logs of the
// group's members that ran in this ninja run, in declaration order.
int ReplayGroup(Disk* disk, const std::string& group_file, const std::string& stamp);

// WFGEN_FORCE="*" or a space- or comma-separated list of command names.
bool ForcedByEnvironment(const char* value, const std::string& name);

// Exit status of a group member stopped because another member failed.
constexpr int kTerminatedExit = 143;

}  // namespace wfgen
