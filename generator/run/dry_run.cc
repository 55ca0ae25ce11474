#include "generator/run/dry_run.h"

#include <map>
#include <unordered_map>

#include "generator/ninja/emit.h"
#include "generator/ninja/output_alias.h"
#include "runtime/base/paths.h"
#include "runtime/base/shlex.h"
#include "runtime/state/evaluate.h"
#include "runtime/state/interpreter.h"

namespace wfgen {
namespace {

struct Change {
  std::string path;
  std::string by;  // the command that will write it
};

// The first change in `changes[from..]` that overlaps one of `paths`.
const Change* Overlapping(const std::vector<Change>& changes, size_t from,
                          const std::vector<std::string>& paths) {
  for (size_t i = from; i < changes.size(); ++i) {
    for (const std::string& p : paths) {
      if (PathsOverlap(changes[i].path, p)) return &changes[i];
    }
  }
  return nullptr;
}

}  // namespace

std::vector<const PlanStep*> StepsOf(const BuildPlan& plan, const std::string& target) {
  std::unordered_map<std::string, const PlanStep*> by_key;
  for (const PlanStep& s : plan.steps) by_key.emplace(s.key, &s);
  std::vector<const PlanStep*> steps;
  // `out/PATH` (output_alias.h): what Ninja runs for it, in order.
  if (target.compare(0, sizeof kOutputAliasPrefix - 1, kOutputAliasPrefix) == 0) {
    auto aliases = OutputAliases(plan);
    auto it = aliases.find(target.substr(sizeof kOutputAliasPrefix - 1));
    if (it != aliases.end()) return StepsBehind(plan, it->second);
  }
  for (const PlanTarget& t : plan.targets) {
    if (t.name != target) continue;
    for (const std::string& key : t.keys) {
      auto it = by_key.find(key);  // group keys name no step
      if (it != by_key.end()) steps.push_back(it->second);
    }
  }
  return steps;
}

std::string DisplayLine(const std::string& line, bool shell) {
  if (shell) return line;
  std::vector<std::string> argv;
  std::string err;
  if (!ShlexSplit(line, &argv, &err)) return line + "   (cannot be split: " + err + ")";
  MapInterpreter(PythonFromEnvironment(), &argv);
  return ShlexJoin(argv);
}

bool DryRun(const Project& project, const BuildPlan& plan, const std::string& target,
            const std::set<std::string>& forced, Disk* disk, std::vector<DryStep>* out,
            std::string* err) {
  std::vector<Change> changes;
  std::map<std::string, size_t> ran_at;  // command -> changes.size() when it ran
  std::unordered_map<std::string, const Command*> commands;
  for (const Command& c : project.commands) commands.emplace(c.name.value, &c);
  for (const PlanStep* step : StepsOf(plan, target)) {
    const Command* c = commands.at(step->command);
    const CommandPaths& paths = plan.paths.at(step->command);
    DryStep d;
    d.command = step->command;
    d.group = step->group;
    Evaluation ev;
    if (!Evaluate(disk, SpecOf(project, *c, "."), forced.count(c->name.value) > 0, &ev, err)) {
      return false;
    }
    bool always = paths.outputs.empty() || c->no_skip || forced.count(c->name.value);
    auto earlier = ran_at.find(c->name.value);
    if (earlier != ran_at.end() && !always) {
      // Its record was renewed by that run; only later changes matter.
      std::vector<std::string> reads = paths.deps;
      if (const Change* ch = Overlapping(changes, earlier->second, reads)) {
        d.run = true;
        d.why = "dep '" + ch->path + "' will be rebuilt by '" + ch->by + "' before it";
      } else {
        d.why = "up to date after its run earlier in this workflow";
      }
    } else if (ev.decision.run) {
      d.run = true;
      d.why = ev.decision.Explain();
    } else if (const Change* ch = Overlapping(changes, 0, paths.deps)) {
      d.run = true;
      d.why = "dep '" + ch->path + "' will be rebuilt by '" + ch->by + "' before it";
    } else if (const Change* ch = Overlapping(changes, 0, paths.outputs)) {
      d.run = true;
      d.why = "output '" + ch->path + "' will be rewritten by '" + ch->by + "' before it";
    } else {
      d.why = ev.decision.Explain();
    }
    if (d.run) {
      for (const Text& l : c->script) d.lines.push_back(DisplayLine(l.value, c->shell));
      ran_at[c->name.value] = changes.size() + paths.outputs.size();
      for (const std::string& o : paths.outputs) changes.push_back(Change{o, c->name.value});
    }
    out->push_back(std::move(d));
  }
  return true;
}

}  // namespace wfgen
