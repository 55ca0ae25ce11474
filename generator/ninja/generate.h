// `wfgen [project.yml]`: load, plan, emit, and write the files, touching
// nothing when the input is bad and rewriting nothing that is unchanged.
#pragma once

#include <string>
#include <vector>

#include "generator/ninja/plan.h"
#include "generator/project/diagnostic.h"
#include "generator/project/interpolate.h"
#include "generator/project/loader.h"
#include "runtime/base/disk.h"

namespace wfgen {

struct GenerateOptions {
  std::string project_file = "project.yml";  // as given on the command line
  std::string output;                        // "" = build.ninja beside project.yml
  std::vector<Override> overrides;
  Schedule schedule = Schedule::kStaged;
  std::string embed;
  std::string launcher;   // --launcher: "" (as project.yml says), local or slurm
  int retries = -1;       // --retries N: every command's `max`; -1: as project.yml says
  bool pull = false;      // --pull / --push: turn on remote_cache's (docs/remotes.md)
  bool push = false;
  std::string wfgen;      // absolute path of this binary
  std::string wfgen_run;  // absolute path of the wrapper
  DiagnosticStyle diagnostics = DiagnosticStyle::kHuman;  // WFGEN_DIAGNOSTICS
};

// A loaded and planned project, and where its files go.
struct Workspace {
  std::string project_abs;  // the project file
  std::string project_dir;
  std::string output;  // the Ninja file, absolute
  std::string build_dir;
  std::string source;  // project.yml's text, for diagnostics
  LoadResult loaded;
  BuildPlan plan;
  const Project& project() const { return loaded.project; }
};

// The Ninja file `options` name, absolute (build.ninja beside the project
// file unless -o).
std::string NinjaFileOf(const GenerateOptions& options);

// Loads and plans, printing diagnostics (warnings too) to stderr.
// Returns 0, or 2 for bad input. `disk` holds what was shown once
// (shown_once.h).
int OpenWorkspace(Disk* disk, const GenerateOptions& options, Workspace* ws);

// Writes the Ninja file and the step specs, creates `directories`, and
// imports weasel's project.lock, all through `disk`. Returns 0, or 1 if a
// file cannot be written.
int WriteWorkspace(Disk* disk, const GenerateOptions& options, const Workspace& ws);

// Writes `content` to `path` atomically, unless it already holds exactly
// that (so mtimes move only on real change). Creates parent directories.
bool WriteIfChanged(Disk* disk, const std::string& path, const std::string& content,
                    std::string* err);

}  // namespace wfgen
