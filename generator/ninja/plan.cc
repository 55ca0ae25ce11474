#include "generator/ninja/plan.h"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "runtime/base/paths.h"
#include "runtime/state/step_spec.h"

namespace wfgen {
namespace {

// Earlier producers of every path, for the overlap queries of one workflow.
class ProducerIndex {
 public:
  void Add(const std::string& path, const std::string& key) { by_path_[path].push_back(key); }

  // Keys of producers of `path`, of a directory containing it, or of
  // anything inside it.
  void Find(const std::string& path, std::set<std::string>* out) const {
    if (path == ".") {
      for (auto& [p, keys] : by_path_) out->insert(keys.begin(), keys.end());
      return;
    }
    auto add = [&](const std::string& p) {
      auto it = by_path_.find(p);
      if (it != by_path_.end()) out->insert(it->second.begin(), it->second.end());
    };
    add(path);
    add(".");
    for (size_t slash = path.rfind('/'); slash != std::string::npos && slash > 0;
         slash = path.rfind('/', slash - 1)) {
      add(path.substr(0, slash));
    }
    // Everything below: keys in ["path/", "path0").
    for (auto it = by_path_.lower_bound(path + "/"); it != by_path_.end(); ++it) {
      if (it->first.compare(0, path.size() + 1, path + "/") != 0) break;
      out->insert(it->second.begin(), it->second.end());
    }
  }

 private:
  std::map<std::string, std::vector<std::string>> by_path_;
};

// What a step adds to the Ninja file, roughly: its own lines, its
// command's paths and its producers' stamps.
size_t StepBytes(const CommandPaths& cp, const std::vector<std::string>& producers) {
  size_t n = 256;
  for (const std::string& p : cp.deps) n += p.size() + 1;
  for (const std::string& p : cp.outputs) n += p.size() + 1;
  for (const std::string& k : producers) n += k.size() + 16;
  return n;
}

CommandPaths PathsOf(const Command& c) {
  CommandPaths p;
  for (const Text& d : c.deps) p.deps.push_back(CanonicalPath(d.value));
  for (const Text& o : c.outputs) p.outputs.push_back(CanonicalPath(o.value));
  for (const Text& o : c.outputs_no_cache) p.outputs.push_back(CanonicalPath(o.value));
  return p;
}

// Fetched assets, and which commands read them. A dep inside an asset
// directory (`assets/train.json` of a git asset `assets/`) or an asset
// inside a dep directory both count, as for producers.
void PlanAssets(const Project& project, BuildPlan* plan) {
  for (size_t i = 0; i < project.assets.size(); ++i) {
    const Asset& a = project.assets[i];
    if (!a.fetched()) continue;
    PlanAsset pa;
    pa.dest = CanonicalPath(a.dest);
    pa.key = std::to_string(plan->assets.size() + 1) + "-" + FileSafeName(pa.dest);
    pa.extra = a.extra;
    pa.index = i;
    plan->assets.push_back(std::move(pa));
  }
  if (!project.fetch_assets || plan->assets.empty()) return;
  for (auto& [command, cp] : plan->paths) {
    for (const PlanAsset& a : plan->assets) {
      for (const std::string& d : cp.deps) {
        if (PathsOverlap(d, a.dest)) {
          plan->asset_inputs[command].push_back(a.dest);
          break;
        }
      }
    }
  }
}

// The reads between the members of one group (see GroupRace). `made` are
// the group's steps; in dataflow mode a reader gets its writer as a
// producer, when the reads leave some order that satisfies them all.
void CheckGroupReads(const std::unordered_map<std::string, const Command*>& commands,
                     const WorkflowStep& ws, int ordinal,
                     const std::map<std::string, CommandPaths>& paths, Schedule schedule,
                     std::vector<PlanStep>* made, std::vector<GroupRace>* races) {
  ProducerIndex writes;
  for (const PlanStep& s : *made) {
    for (const std::string& o : paths.at(s.command).outputs) writes.Add(o, s.key);
  }
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < made->size(); ++i) index[(*made)[i].key] = i;
  std::vector<std::set<size_t>> reads(made->size());  // reader -> writers
  std::vector<GroupRace> found;
  std::vector<std::pair<size_t, size_t>> edges;  // of `found`, in order
  for (size_t i = 0; i < made->size(); ++i) {
    const PlanStep& s = (*made)[i];
    const Command* c = commands.at(s.command);
    const CommandPaths& cp = paths.at(s.command);
    for (size_t d = 0; d < cp.deps.size(); ++d) {
      std::set<std::string> by;
      writes.Find(cp.deps[d], &by);
      for (const std::string& key : by) {
        size_t w = index.at(key);
        if (w == i || !reads[i].insert(w).second) continue;
        GroupRace race;
        race.workflow = s.workflow;
        race.group_ordinal = ordinal;
        race.reader = s.command;
        race.writer = (*made)[w].command;
        race.reader_key = s.key;
        race.writer_key = (*made)[w].key;
        race.path = c && d < c->deps.size() ? c->deps[d].value : cp.deps[d];
        race.loc = ws.commands[i].loc;
        found.push_back(race);
        edges.push_back({i, w});
      }
    }
  }
  if (found.empty()) return;
  // An edge is on a cycle when the writer, through its own reads, reads
  // what the reader writes. Groups are small: a search per edge will do.
  auto reaches = [&](size_t from, size_t to) {
    std::vector<size_t> todo = {from};
    std::set<size_t> seen;
    while (!todo.empty()) {
      size_t n = todo.back();
      todo.pop_back();
      if (n == to) return true;
      if (!seen.insert(n).second) continue;
      todo.insert(todo.end(), reads[n].begin(), reads[n].end());
    }
    return false;
  };
  for (size_t k = 0; k < found.size(); ++k) {
    auto [reader, writer] = edges[k];
    found[k].cycle = reaches(writer, reader);
    if (schedule == Schedule::kDataflow && !found[k].cycle) {
      std::vector<std::string>& p = (*made)[reader].producers;
      if (std::find(p.begin(), p.end(), (*made)[writer].key) == p.end()) {
        p.push_back((*made)[writer].key);
        std::sort(p.begin(), p.end());
      }
    }
    races->push_back(found[k]);
  }
}

}  // namespace

std::string StepKey(const std::string& workflow, int position, const std::string& command) {
  return "workflows/" + FileSafeName(workflow) + "/" + std::to_string(position) + "-" +
         FileSafeName(command);
}

std::string GroupKey(const std::string& workflow, int position) {
  return "workflows/" + FileSafeName(workflow) + "/" + std::to_string(position) + ".group";
}

std::string CommandKey(const std::string& command) { return "commands/" + FileSafeName(command); }

namespace {

// The Ninja file's estimated size against PlanOptions::max_bytes: planning
// stops at the first step past it.
class Budget {
 public:
  explicit Budget(size_t max_bytes) : max_bytes_(max_bytes) {}
  // Adds `bytes`; false (and marks the plan too large, in `where`) when the
  // total is past the limit.
  bool Spend(size_t bytes, const std::string& where, BuildPlan* plan) {
    bytes_ += bytes;
    if (bytes_ <= max_bytes_) return true;
    plan->too_large = true;
    plan->too_large_in = where;
    return false;
  }

 private:
  size_t bytes_ = 0;
  size_t max_bytes_;
};

// The steps, groups and target of one workflow. False when over budget.
bool PlanWorkflow(const Workflow& w,
                  const std::unordered_map<std::string, const Command*>& commands,
                  Schedule schedule, Budget* budget, BuildPlan* plan) {
  PlanTarget target;
  target.name = w.name.value;
  target.is_workflow = true;
  ProducerIndex index;
  std::string previous;                            // staged: what the next step waits for
  std::map<std::string, std::string> last_run_of;  // dataflow: command -> its last step
  int position = 0;
  int groups_seen = 0;
  for (const WorkflowStep& ws : w.steps) {
    ++position;
    int group = -1;
    if (ws.parallel) {
      group = static_cast<int>(plan->groups.size());
      PlanGroup g;
      g.key = GroupKey(w.name.value, position);
      g.workflow = w.name.value;
      g.position = position;
      g.ordinal = ++groups_seen;
      g.after = schedule == Schedule::kStaged ? previous : "";
      plan->groups.push_back(g);
    }
    std::vector<PlanStep> made;
    for (const Text& name : ws.commands) {
      const CommandPaths& cp = plan->paths[name.value];
      PlanStep s;
      s.key = StepKey(w.name.value, position, name.value);
      s.command = name.value;
      s.workflow = w.name.value;
      s.position = position;
      s.group = group;
      std::set<std::string> producers;
      for (const std::string& d : cp.deps) index.Find(d, &producers);
      for (const std::string& o : cp.outputs) index.Find(o, &producers);
      if (schedule == Schedule::kDataflow) {
        auto it = last_run_of.find(name.value);
        if (it != last_run_of.end()) s.after = it->second;
      } else if (group < 0) {
        s.after = previous;
      } else {
        s.after = plan->groups[static_cast<size_t>(group)].after;
      }
      s.producers.assign(producers.begin(), producers.end());
      size_t bytes = StepBytes(cp, s.producers);
      made.push_back(std::move(s));
      if (!budget->Spend(bytes, w.name.value, plan)) return false;
    }
    // Members of one group do not see each other's outputs: their order
    // is the user's business (seed 000), so index them only now. A member
    // that reads another's output is a race (or, in dataflow, an edge).
    if (group >= 0) {
      CheckGroupReads(commands, ws, plan->groups[static_cast<size_t>(group)].ordinal, plan->paths,
                      schedule, &made, &plan->races);
    }
    for (PlanStep& s : made) {
      const Command* c = commands.at(s.command);
      s.alone = group < 0 && schedule == Schedule::kStaged && c && c->pool.empty();
      for (const std::string& o : plan->paths[s.command].outputs) index.Add(o, s.key);
      last_run_of[s.command] = s.key;
      if (group >= 0) plan->groups[static_cast<size_t>(group)].members.push_back(s.key);
      target.keys.push_back(s.key);
      plan->steps.push_back(std::move(s));
    }
    if (group >= 0) {
      previous = plan->groups[static_cast<size_t>(group)].key;
      target.keys.push_back(previous);
    } else {
      previous = plan->steps.back().key;
    }
  }
  plan->targets.push_back(std::move(target));
  return true;
}

// Each command's standalone step and target. False when over budget.
bool PlanCommands(const Project& project, Budget* budget, BuildPlan* plan) {
  for (const Command& c : project.commands) {
    PlanStep s;
    s.key = CommandKey(c.name.value);
    s.command = c.name.value;
    s.alone = c.pool.empty();
    if (!budget->Spend(StepBytes(plan->paths[c.name.value], {}), "", plan)) return false;
    plan->steps.push_back(s);
    PlanTarget t;
    t.name = c.name.value;
    t.keys.push_back(s.key);
    plan->targets.push_back(std::move(t));
  }
  return true;
}

}  // namespace

BuildPlan MakePlan(const Project& project, const PlanOptions& options) {
  BuildPlan plan;
  plan.schedule = options.schedule;
  plan.parallelism = project.max_parallel_processes.value_or(std::max(1, options.cpus));
  // By name, once: a linear search per step would make planning quadratic.
  std::unordered_map<std::string, const Command*> commands;
  for (const Command& c : project.commands) {
    plan.paths[c.name.value] = PathsOf(c);
    commands.emplace(c.name.value, &c);
  }
  PlanAssets(project, &plan);
  Budget budget(options.max_bytes);
  for (const Workflow& w : project.workflows) {
    if (!PlanWorkflow(w, commands, options.schedule, &budget, &plan)) return plan;
  }
  if (!PlanCommands(project, &budget, &plan)) return plan;
  if (project.FindWorkflow("all")) plan.default_target = "all";
  return plan;
}

}  // namespace wfgen
