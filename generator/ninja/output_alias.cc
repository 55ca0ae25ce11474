#include "generator/ninja/output_alias.h"

#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "runtime/base/paths.h"

namespace wfgen {

std::map<std::string, std::vector<std::string>> OutputAliases(const BuildPlan& plan) {
  std::map<std::string, std::vector<std::string>> aliases;
  if (plan.default_target.empty()) return aliases;
  std::unordered_set<std::string> targets;
  for (const PlanTarget& t : plan.targets) targets.insert(t.name);
  for (const PlanStep& step : plan.steps) {
    if (step.workflow != plan.default_target) continue;
    for (const std::string& o : plan.paths.at(step.command).outputs) {
      if (IsAbsolute(o) || o == "." || o == ".." || o.compare(0, 3, "../") == 0) continue;
      if (targets.count(kOutputAliasPrefix + o)) continue;
      std::vector<std::string>& keys = aliases[o];
      if (std::find(keys.begin(), keys.end(), step.key) == keys.end()) keys.push_back(step.key);
    }
  }
  return aliases;
}

std::vector<const PlanStep*> StepsBehind(const BuildPlan& plan,
                                         const std::vector<std::string>& keys) {
  std::unordered_map<std::string, const PlanStep*> steps;
  std::unordered_map<std::string, const PlanGroup*> groups;
  for (const PlanStep& s : plan.steps) steps.emplace(s.key, &s);
  for (const PlanGroup& g : plan.groups) groups.emplace(g.key, &g);
  std::unordered_set<std::string> seen;
  std::vector<std::string> todo = keys;
  while (!todo.empty()) {
    std::string key = std::move(todo.back());
    todo.pop_back();
    if (key.empty() || !seen.insert(key).second) continue;
    if (auto g = groups.find(key); g != groups.end()) {
      // The group's barrier waits for every member.
      todo.insert(todo.end(), g->second->members.begin(), g->second->members.end());
      todo.push_back(g->second->after);
    } else if (auto s = steps.find(key); s != steps.end()) {
      todo.insert(todo.end(), s->second->producers.begin(), s->second->producers.end());
      todo.push_back(s->second->after);
    }
  }
  std::vector<const PlanStep*> out;
  for (const PlanStep& s : plan.steps) {
    if (seen.count(s.key)) out.push_back(&s);
  }
  return out;
}

}  // namespace wfgen
