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
#pragma once

#include <string>

namespace wfgen {

struct RunOptions {
  std::string spec_path;  // relative to the directory ninja runs in
  std::string stamp;
  std::string depfile;
  bool forced = false;
  bool console = true;  // copy the step's output to stdout (ninja shows it)
};

// Returns the process exit status. On an interrupt (Ctrl-C), it kills the
// step's processes and then re-raises the signal, so Ninja sees it.
int RunStep(const RunOptions& options);

// WFGEN_FORCE="*" or a space- or comma-separated list of command names.
bool ForcedByEnvironment(const char* value, const std::string& name);

}  // namespace wfgen
