// The step spec: what the generator tells the wrapper about one command.
//
// The generator writes one spec file per command (.wfgen/steps/NAME.step in
// the build directory); wfgen-run reads it on every start, so it is a few
// `key value` lines (line_format.h), never YAML. Ninja's command line for
// the step carries a hash of the file, so any change to it reruns the edge.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "runtime/state/layout.h"  // where a command's record and log live
#include "runtime/state/retry_policy.h"

namespace wfgen {

struct StepSpec {
  std::string name;
  // The project directory, relative to the directory ninja runs in (or
  // absolute). Script lines and all paths below are relative to it.
  std::string project_dir = ".";
  std::vector<std::string> script;
  std::vector<std::string> deps;
  std::vector<std::string> outputs;
  std::vector<std::string> outputs_no_cache;
  // The project's `directories`, created before the script runs.
  std::vector<std::string> directories;
  bool shell = false;
  bool no_skip = false;
  // SIGTERM-to-SIGKILL grace period when a step is stopped.
  int64_t grace_ms = 10000;
  // Where the lines run (launcher.h): "" here, "slurm" as Slurm jobs. Only
  // a Slurm step carries resources: "cpus=4", "mem=16G", "gpus=1",
  // "time=02:00:00", "partition=gpu", "extra=--qos=high" (one per flag).
  std::string launcher;
  std::vector<std::string> resources;
  // More attempts after a failure (retry_policy.h); max 0 = none.
  RetryPolicy retries;
  // The remote cache (`--pull`/`--push`, `remote_cache:`; docs/remotes.md):
  // the remote's name (for messages) and URL, and what to do with it.
  // Set only for a command with outputs and when one of the two is on.
  std::string remote_name;
  std::string remote_url;
  bool remote_pull = false;
  bool remote_push = false;

  // Outputs as weasel counts them: `outputs` then `outputs_no_cache`.
  std::vector<std::string> AllOutputs() const;
};

std::string RenderStepSpec(const StepSpec& spec);
bool ParseStepSpec(const std::string& text, StepSpec* spec, std::string* err);

// A name made safe as one file-name component: [A-Za-z0-9_.-] are kept,
// every other byte (and a leading '.') becomes %XX.
std::string FileSafeName(const std::string& name);

}  // namespace wfgen
