#include "generator/ninja/output_alias.h"

#include <gtest/gtest.h>

#include "generator/project/loader.h"

namespace wfgen {
namespace {

BuildPlan PlanFor(const std::string& yml, Schedule schedule = Schedule::kStaged) {
  LoadResult r;
  Diagnostics diag;
  EXPECT_TRUE(LoadProject(yml, LoadOptions(), &r, &diag)) << diag.Render("p", yml);
  return MakePlan(r.project, PlanOptions{schedule, 2});
}

std::vector<std::string> Keys(const std::vector<const PlanStep*>& steps) {
  std::vector<std::string> keys;
  for (const PlanStep* s : steps) keys.push_back(s->key);
  return keys;
}

const char kProject[] = R"(commands:
  - {name: prep, script: [x], deps: [raw.txt], outputs: [corpus/]}
  - {name: a, script: [x], deps: [corpus/train.spacy], outputs: [models/a]}
  - {name: b, script: [x], deps: [corpus], outputs: [models/b]}
  - {name: eval, script: [x], deps: [models], outputs: [metrics.json, ../up.txt]}
  - {name: other, script: [x], outputs: [other.txt]}
  - {name: out/models/b, script: [x]}
workflows:
  all:
    - prep
    - parallel: [a, b]
    - eval
    - prep
  side: [other]
)";

TEST(OutputAliasTest, OutputsOfTheDefaultWorkflowInsideTheProject) {
  BuildPlan plan = PlanFor(kProject);
  auto aliases = OutputAliases(plan);
  std::vector<std::string> paths;
  for (auto& [path, keys] : aliases) paths.push_back(path);
  // Not ../up.txt (outside), not other.txt (workflow side), not models/b
  // (`out/models/b` is a command's name).
  EXPECT_EQ(paths, (std::vector<std::string>{"corpus", "metrics.json", "models/a"}));
  EXPECT_EQ(aliases["corpus"],
            (std::vector<std::string>{"workflows/all/1-prep", "workflows/all/4-prep"}));
  EXPECT_EQ(aliases["models/a"], (std::vector<std::string>{"workflows/all/2-a"}));
}

TEST(OutputAliasTest, NoDefaultWorkflowNoAliases) {
  BuildPlan plan = PlanFor("commands:\n  - {name: a, script: [x], outputs: [o]}\n");
  EXPECT_TRUE(OutputAliases(plan).empty());
}

TEST(OutputAliasTest, StepsBehindFollowOrderGroupsAndProducers) {
  BuildPlan plan = PlanFor(kProject);
  // eval waits for the group, which waits for both members, which wait for prep.
  EXPECT_EQ(Keys(StepsBehind(plan, {"workflows/all/3-eval"})),
            (std::vector<std::string>{"workflows/all/1-prep", "workflows/all/2-a",
                                      "workflows/all/2-b", "workflows/all/3-eval"}));
  // A member alone: its sibling is not needed.
  EXPECT_EQ(Keys(StepsBehind(plan, {"workflows/all/2-a"})),
            (std::vector<std::string>{"workflows/all/1-prep", "workflows/all/2-a"}));
}

TEST(OutputAliasTest, DataflowFollowsOnlyProducers) {
  BuildPlan plan = PlanFor(R"(commands:
  - {name: p, script: [x], outputs: [p.txt]}
  - {name: slow, script: [x], outputs: [s.txt]}
  - {name: q, script: [x], deps: [p.txt], outputs: [q.txt]}
workflows:
  all: [p, slow, q]
)",
                           Schedule::kDataflow);
  EXPECT_EQ(Keys(StepsBehind(plan, OutputAliases(plan)["q.txt"])),
            (std::vector<std::string>{"workflows/all/1-p", "workflows/all/3-q"}));
}

}  // namespace
}  // namespace wfgen
