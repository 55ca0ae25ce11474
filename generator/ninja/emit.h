// Rendering a BuildPlan: the Ninja file and the step spec files.
//
// The layout of what Ninja sees (docs/design.md has the reasoning):
//
//   build <meta>/stamps/<key>: wfgen_step <deps> | <outputs> <producer stamps> || <previous>
//
// - deps are explicit inputs: Ninja's mtime check is the cheap first filter,
//   wfgen-run's content fingerprint the real decision;
// - outputs are implicit inputs, so an output deleted or edited by hand
//   makes its producer look again (weasel reruns the producer too);
// - every dep and output path gets a `build <path>: phony` line, so paths
//   nothing produces are allowed (they are checked at run time, as weasel
//   does) and two commands may declare the same output;
// - a parallel group's members write a "ran" marker that the group's replay
//   edge depends on; the replay prints their logs in declaration order.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "generator/ninja/plan.h"
#include "generator/project/project.h"
#include "runtime/state/step_spec.h"

namespace wfgen {

struct EmitOptions {
  // Paths as seen from the build directory (where ninja runs).
  std::string project_file = "project.yml";
  std::string build_file = "build.ninja";
  std::string project_prefix = ".";  // build dir -> project dir
  std::string build_dir_abs = "/";   // for the rare path that must be absolute
  // Absolute paths of the binaries.
  std::string wfgen;
  std::string wfgen_run;
  std::string wfgen_transfer;  // written only for a project with assets to fetch
  // Arguments the regeneration command repeats (overrides, --schedule).
  std::vector<std::string> regen_args;
  // Non-empty: prefix every target and keep state apart (`--embed NAME`).
  std::string embed;
  // Environment values read through ${env.X}, noted in the file.
  std::map<std::string, std::string> env_read;
};

struct EmitResult {
  std::string ninja;
  // Step spec files, by path relative to the build directory.
  std::map<std::string, std::string> files;
  // The directory (relative to the build dir) that holds wfgen's
  // generated files: ".wfgen" or ".wfgen/<embed>".
  std::string meta_dir;
};

EmitResult Emit(const Project& project, const BuildPlan& plan, const EmitOptions& options);

// The spec wfgen-run gets for `command`; `project_prefix` leads from the
// build directory to the project.
StepSpec SpecOf(const Project& project, const Command& command, const std::string& project_prefix);

}  // namespace wfgen
