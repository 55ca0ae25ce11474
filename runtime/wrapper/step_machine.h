// The state machine behind RunStepWith (step_runner.h), one object per
// wfgen-run. Its methods live in files by idea:
//   step_decide.cc   load the spec, take the locks, evaluate; skip
//   step_execute.cc  prepare, take the pool slots, run the attempts
//   step_record.cc   after success: hash, restore mtimes, record, stamp,
//                    depfile
//   step_end.cc      every way out: failed, stopped, finished
//   step_group.cc    a parallel group member's part, and the replay
// Internal to runtime/wrapper.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "runtime/base/subprocess.h"
#include "runtime/state/evaluate.h"
#include "runtime/state/events.h"
#include "runtime/state/group.h"
#include "runtime/state/layout.h"
#include "runtime/state/run_lock.h"
#include "runtime/state/step_spec.h"
#include "runtime/wrapper/launcher.h"
#include "runtime/wrapper/step_locking.h"
#include "runtime/wrapper/step_output.h"
#include "runtime/wrapper/step_runner.h"

namespace wfgen {

class StepMachine {
 public:
  StepMachine(const RunOptions& options, const StepSystem& system)
      : options_(options),
        disk_(*system.disk),
        runner_(*system.runner),
        clock_(*system.clock),
        dir_(*system.dir),
        log_(system.log),
        locks_(*system.locks) {}
  int Run();
  int die_of_signal() const { return die_of_signal_; }

 private:
  // step_decide.cc
  bool Load(std::string* err);
  int Skip();
  // step_execute.cc
  int Execute();
  bool PrepareDirectories(std::string* err);
  LineResult RunLines(StepOutput* out, const std::vector<std::string>& env, size_t* failed_line);
  int RunAttempts(StepOutput* out, const std::vector<std::string>& env);
  // step_record.cc
  bool RecordSuccess(std::string* err);
  void WriteDepfile(const std::vector<PathState>& deps, const std::vector<PathState>& outs);
  void EnsureStamp(bool changed);
  // step_end.cc
  int Failed(const LineResult& r, size_t failed_line, StepOutput* out);
  int Stopped(int sig);
  int Finish(int code, MemberState state, const std::string& detail);
  void NoteFailedRun(MemberState state, const std::string& detail);
  int DieOfSignal(int sig);
  // step_group.cc
  int JoinGroup();
  void StopGroupAfterFailure(int code);
  void EndInGroup(MemberState state, const std::string& detail);

  // "attempt 2 of 3", or "" for a step without retries.
  std::string AttemptText() const {
    int n = spec_.retries.attempts();
    return n > 1 ? "attempt " + std::to_string(attempt_) + " of " + std::to_string(n) : "";
  }
  std::string ShownLog() const { return JoinPath(spec_.project_dir, LogPath(spec_.name)); }

  RunOptions options_;
  Disk& disk_;
  CommandRunner& runner_;
  Clock& clock_;
  WorkingDir& dir_;
  LogFile* log_;
  StepSpec spec_;
  std::string cwd_;  // where ninja runs us
  Evaluation eval_;
  const Current& current_ = eval_.current;
  // Parallel group membership.
  GroupSpec group_;
  std::optional<GroupRun> run_;
  EventSender events_;                      // inert unless a front end listens (WFGEN_EVENTS)
  std::unique_ptr<LineLauncher> launcher_;  // here, or Slurm (launcher.h)
  StepLocking& locks_;                      // one run per project, one wfgen-run per command
  int attempt_ = 1;                         // of spec_.retries.attempts()
  int die_of_signal_ = 0;                   // see StepExit
};

// How a step's ends read in its log and status (step_text.cc).
std::string Seconds(int64_t ms);
std::string SignalName(int sig);
// "exit code 3", "killed by SIGKILL", "stopped by Slurm: NODE FAILURE (job 12)".
std::string FailureDetail(const LineResult& r);
// What ended a step that got stop signal `sig`: the signal itself, the
// SIGKILL that followed the grace period, or the step's own exit.
std::string HowStopped(int sig, const LineResult& r, int64_t grace_ms);

}  // namespace wfgen
