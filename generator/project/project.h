// The loaded project: plain data, fully interpolated, validated. The loader
// (loader.h) produces it; the planner (plan.h) and the commands (list,
// document, explain) only read it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "generator/project/diagnostic.h"
#include "runtime/state/retry_policy.h"

namespace wfgen {

// A string from project.yml after interpolation, with where it was written.
struct Text {
  std::string value;
  Loc loc;
};

// Slurm (or other launcher) resources of a command; a no-op locally.
struct Resources {
  std::string cpus, mem, gpus, time, partition;
  std::vector<std::string> extra;  // raw extra launcher flags
  bool empty() const {
    return cpus.empty() && mem.empty() && gpus.empty() && time.empty() && partition.empty() &&
           extra.empty();
  }
};

struct Command {
  Text name;
  Loc loc;  // the list item
  std::string help;
  std::vector<Text> script;
  std::vector<Text> deps;
  std::vector<Text> outputs;
  std::vector<Text> outputs_no_cache;
  bool no_skip = false;
  // wfgen extensions
  bool shell = false;
  std::string pool;
  std::string launcher;  // "" (project default), "local" or "slurm"
  Resources resources;
  std::optional<RetryPolicy> retries;  // unset: the project's default
};

// One entry of a workflow: a command, or a parallel group of commands.
struct WorkflowStep {
  bool parallel = false;
  std::vector<Text> commands;  // exactly one unless parallel
  Loc loc;
};

struct Workflow {
  Text name;
  std::vector<WorkflowStep> steps;
};

struct Asset {
  std::string dest;
  std::string url;
  std::string checksum;
  std::string description;
  std::string git_repo, git_branch, git_path;
  bool extra = false;    // fetched only when asked (`wfgen assets --extra`)
  bool outside = false;  // dest is absolute or leaves the project: never fetched
  Loc loc;
  bool fetched() const { return !outside && (!url.empty() || !git_repo.empty()); }
};

// `remotes:` (weasel's): name -> URL, interpolated and checked
// (runtime/state/remote_url.h).
struct Remote {
  std::string name;
  std::string url;
  Loc loc;  // the value
};

// `remote_cache:` (wfgen's): use a remote automatically, before a step
// would run (pull) and after it succeeded (push). docs/remotes.md.
struct RemoteCache {
  bool pull = false;
  bool push = false;
  std::string remote = "default";
  Loc loc;
};

struct Project {
  std::string title;
  std::string description;
  std::vector<Text> directories;
  std::vector<Asset> assets;
  std::vector<Command> commands;
  std::vector<Workflow> workflows;
  // wfgen extensions
  std::optional<int> max_parallel_processes;
  std::map<std::string, int> pools;
  int64_t kill_grace_ms = 10000;
  int max_parallel_downloads = 4;  // the download pool of asset edges
  // Whether a step's edge depends on the edges of the assets it reads, so
  // that `ninja all` fetches them first (weasel never does).
  bool fetch_assets = true;
  std::string launcher;  // "local" unless set
  RetryPolicy retries;   // the default for commands without their own
  std::vector<Remote> remotes;
  RemoteCache remote_cache;

  const Remote* FindRemote(const std::string& name) const;

  const Command* FindCommand(const std::string& name) const;
  const Workflow* FindWorkflow(const std::string& name) const;
};

}  // namespace wfgen
