// The planner: which step edges exist and how they are ordered, without
// any Ninja syntax (emit.h renders a plan).
//
// - One step per workflow position (a group has one per member) and one
//   standalone step per command (the target `ninja NAME`, which, like
//   `weasel run NAME`, runs that command alone and only checks that its
//   deps exist).
// - "staged" schedule (weasel's order): each step comes after the previous
//   step or group; a group's members may run in parallel with each other.
// - "dataflow" schedule: no positional order; steps wait only for the
//   steps that produce what they read (and for earlier runs of the same
//   command).
// - In both, a step depends on the stamps of the earlier steps of its
//   workflow whose outputs overlap its deps or outputs, so that Ninja knows
//   to look at it again when they change something.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "generator/project/project.h"

namespace wfgen {

enum class Schedule { kStaged, kDataflow };

struct PlanStep {
  std::string key;  // file-safe and unique: "workflows/all/3-train", "commands/train"
  std::string command;
  std::string workflow;                // "" for a standalone command step
  int position = 0;                    // 1-based within the workflow
  int group = -1;                      // index into BuildPlan::groups
  std::vector<std::string> producers;  // keys of steps whose stamps this one reads
  std::string after;                   // key of the step or group this one waits for ("" none)
  // Never runs beside another step of its target: a staged step outside
  // any group, or a standalone command, without a named pool. It runs in
  // Ninja's console pool, its output live on the terminal.
  bool alone = false;
};

struct PlanGroup {
  std::string key;  // "workflows/all/2.group"
  std::string workflow;
  int position = 0;                  // of the step in the workflow
  int ordinal = 0;                   // 1 for the workflow's first group, 2 for the second...
  std::vector<std::string> members;  // step keys, in declaration order
  std::string after;
};

struct PlanTarget {
  std::string name;
  bool is_workflow = false;
  std::vector<std::string> keys;  // steps and groups that make it up
};

// A command's deps and outputs as canonical project-relative paths.
struct CommandPaths {
  std::vector<std::string> deps;
  std::vector<std::string> outputs;  // outputs then outputs_no_cache
};

// An asset wfgen fetches (a URL or a git repository): one edge that
// produces `dest`, in the download pool.
struct PlanAsset {
  std::string dest;  // canonical, project-relative
  std::string key;   // file-safe and unique: "2-assets_train.json"
  bool extra = false;
  size_t index = 0;  // into Project::assets
};

// A member of a parallel group that reads what another member of the same
// group writes (the same path, or one inside the other). With the staged
// schedule it is an error (the two would race); with the dataflow schedule
// the reader waits for the writer (a producer edge), unless the members
// read each other's outputs in a cycle, which is an error there too.
struct GroupRace {
  std::string workflow;
  int group_ordinal = 0;
  std::string reader, writer;  // command names
  std::string reader_key, writer_key;
  std::string path;    // the reader's dep, as written in project.yml
  Loc loc;             // the reader's entry in the group
  bool cycle = false;  // no order satisfies every read
};

struct BuildPlan {
  Schedule schedule = Schedule::kStaged;
  int parallelism = 1;  // max_parallel_processes or the CPU count
  std::vector<PlanStep> steps;
  std::vector<PlanGroup> groups;
  std::vector<PlanTarget> targets;            // workflows, then commands
  std::string default_target;                 // "all" if there is such a workflow
  std::map<std::string, CommandPaths> paths;  // by command name
  std::vector<PlanAsset> assets;
  // By command name: the dests of the fetched assets its deps overlap, so
  // that its steps wait for those assets (Project::fetch_assets).
  std::map<std::string, std::vector<std::string>> asset_inputs;
  // Set when the plan would exceed PlanOptions::max_bytes; the plan is then
  // incomplete and must not be emitted. Names the workflow where it
  // happened ("" for the standalone command steps).
  bool too_large = false;
  std::string too_large_in;
  std::vector<GroupRace> races;
};

struct PlanOptions {
  Schedule schedule = Schedule::kStaged;
  int cpus = 1;  // the default for max_parallel_processes
  // About how much Ninja text the plan may turn into. A step lists its
  // command's paths and the stamps of the earlier steps that write them, so
  // a long workflow repeating a command that rewrites one file grows
  // quadratically; a small hostile file must not make a huge Ninja file.
  // wfgen raises it to 8 bytes per byte of project.yml, so a large real
  // project passes (100,000 commands: 12 MB make 48 MB of Ninja text).
  size_t max_bytes = 32u << 20;
};

BuildPlan MakePlan(const Project& project, const PlanOptions& options);

// "workflows/all/3-train" etc., with each name made file-safe.
std::string StepKey(const std::string& workflow, int position, const std::string& command);
std::string GroupKey(const std::string& workflow, int position);
std::string CommandKey(const std::string& command);

}  // namespace wfgen
