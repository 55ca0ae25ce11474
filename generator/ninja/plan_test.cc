#include "generator/ninja/plan.h"

#include <gtest/gtest.h>

#include "generator/project/loader.h"

namespace wfgen {
namespace {

Project Load(const std::string& yml) {
  LoadResult r;
  Diagnostics diag;
  EXPECT_TRUE(LoadProject(yml, LoadOptions(), &r, &diag)) << diag.Render("p", yml);
  return r.project;
}

const PlanStep& Find(const BuildPlan& plan, const std::string& key) {
  for (const PlanStep& s : plan.steps) {
    if (s.key == key) return s;
  }
  static PlanStep none;
  ADD_FAILURE() << "no step " << key;
  return none;
}

const char kProject[] = R"(commands:
  - {name: prep, script: [x], deps: [raw.txt], outputs: [corpus/]}
  - {name: a, script: [x], deps: [corpus/train.spacy], outputs: [models/a]}
  - {name: b, script: [x], deps: [corpus], outputs: [models/b]}
  - {name: eval, script: [x], deps: [models], outputs: [metrics.json]}
  - {name: report, script: [x]}
workflows:
  all:
    - prep
    - parallel: [a, b]
    - eval
    - report
    - prep
)";

const char kRacingGroup[] = R"(commands:
  - {name: train, script: [x], outputs: [training/cnn]}
  - {name: evaluate, script: [x], deps: [training/cnn/model-best], outputs: [metrics.json]}
  - {name: other, script: [x], outputs: [other.txt]}
workflows:
  all:
    - parallel: [evaluate, other, train]
)";

TEST(PlanTest, AGroupMemberReadingAnotherMembersOutputIsARace) {
  BuildPlan plan = MakePlan(Load(kRacingGroup), PlanOptions{Schedule::kStaged, 4});
  ASSERT_EQ(plan.races.size(), 1u);
  const GroupRace& r = plan.races[0];
  EXPECT_EQ(r.reader, "evaluate");
  EXPECT_EQ(r.writer, "train");
  EXPECT_EQ(r.path, "training/cnn/model-best");
  EXPECT_EQ(r.group_ordinal, 1);
  EXPECT_EQ(r.loc.line, 7);
  EXPECT_EQ(r.loc.col, 18);
  EXPECT_FALSE(r.cycle);
  // Staged: no edge inside the group (generation refuses the project).
  EXPECT_TRUE(Find(plan, "workflows/all/1-evaluate").producers.empty());
}

TEST(PlanTest, InDataflowTheReaderWaitsForTheWriterInItsGroup) {
  BuildPlan plan = MakePlan(Load(kRacingGroup), PlanOptions{Schedule::kDataflow, 4});
  ASSERT_EQ(plan.races.size(), 1u);
  EXPECT_EQ(Find(plan, "workflows/all/1-evaluate").producers,
            std::vector<std::string>{"workflows/all/1-train"});
  EXPECT_TRUE(Find(plan, "workflows/all/1-train").producers.empty());
  EXPECT_TRUE(Find(plan, "workflows/all/1-other").producers.empty());
}

TEST(PlanTest, MembersReadingEachOthersOutputsAreACycle) {
  BuildPlan plan = MakePlan(Load(R"(commands:
  - {name: a, script: [x], deps: [b.txt], outputs: [a.txt]}
  - {name: b, script: [x], deps: [a.txt], outputs: [b.txt]}
workflows:
  all:
    - parallel: [a, b]
)"),
                            PlanOptions{Schedule::kDataflow, 4});
  ASSERT_EQ(plan.races.size(), 2u);
  EXPECT_TRUE(plan.races[0].cycle);
  EXPECT_TRUE(plan.races[1].cycle);
  EXPECT_TRUE(Find(plan, "workflows/all/1-a").producers.empty());  // no cycle in Ninja
}

TEST(PlanTest, StagedOrderAndProducers) {
  BuildPlan plan = MakePlan(Load(kProject), PlanOptions{Schedule::kStaged, 4});
  EXPECT_EQ(plan.parallelism, 4);
  EXPECT_EQ(plan.default_target, "all");
  const PlanStep& a = Find(plan, "workflows/all/2-a");
  EXPECT_EQ(a.after, "workflows/all/1-prep");
  EXPECT_EQ(a.producers, std::vector<std::string>{"workflows/all/1-prep"});  // file inside dir
  EXPECT_EQ(a.group, 0);
  const PlanStep& eval = Find(plan, "workflows/all/3-eval");
  EXPECT_EQ(eval.after, "workflows/all/2.group");
  EXPECT_EQ(eval.producers, (std::vector<std::string>{"workflows/all/2-a", "workflows/all/2-b"}));
  const PlanStep& report = Find(plan, "workflows/all/4-report");
  EXPECT_EQ(report.after, "workflows/all/3-eval");
  EXPECT_TRUE(report.producers.empty());
  // The second prep overwrites its own earlier output.
  const PlanStep& prep2 = Find(plan, "workflows/all/5-prep");
  EXPECT_EQ(prep2.producers, std::vector<std::string>{"workflows/all/1-prep"});
  ASSERT_EQ(plan.groups.size(), 1u);
  EXPECT_EQ(plan.groups[0].members,
            (std::vector<std::string>{"workflows/all/2-a", "workflows/all/2-b"}));
  // Standalone command steps have no order and no producers.
  const PlanStep& alone = Find(plan, "commands/eval");
  EXPECT_TRUE(alone.after.empty());
  EXPECT_TRUE(alone.producers.empty());
}

TEST(PlanTest, DataflowOrdersOnlyByData) {
  BuildPlan plan = MakePlan(Load(kProject), PlanOptions{Schedule::kDataflow, 4});
  EXPECT_TRUE(Find(plan, "workflows/all/2-a").after.empty());
  EXPECT_TRUE(Find(plan, "workflows/all/4-report").after.empty());
  // Repeated commands stay in order.
  EXPECT_EQ(Find(plan, "workflows/all/5-prep").after, "workflows/all/1-prep");
  EXPECT_EQ(Find(plan, "workflows/all/3-eval").producers.size(), 2u);
}

TEST(PlanTest, MaxParallelProcessesWinsOverCpus) {
  Project p = Load(std::string("max_parallel_processes: 2\n") + kProject);
  EXPECT_EQ(MakePlan(p, PlanOptions{Schedule::kStaged, 16}).parallelism, 2);
}

TEST(PlanTest, KeysAreFileSafe) {
  EXPECT_EQ(StepKey("my flow", 3, "a/b"), "workflows/my%20flow/3-a%2Fb");
  EXPECT_EQ(GroupKey("all", 2), "workflows/all/2.group");
  EXPECT_EQ(CommandKey(".x"), "commands/%2Ex");
}

TEST(PlanTest, AWorkflowTooLargeForNinjaIsFlaggedNotBuilt) {
  // Each occurrence of `a` depends on every earlier one (they all rewrite
  // x): quadratic in the number of steps.
  std::string yml =
      "commands:\n  - {name: a, script: [x], deps: [x], outputs: [x]}\n"
      "workflows:\n  all:\n";
  for (int i = 0; i < 3000; ++i) yml += "    - a\n";
  Project p = Load(yml);
  PlanOptions options;
  options.max_bytes = 1 << 20;
  BuildPlan plan = MakePlan(p, options);
  EXPECT_TRUE(plan.too_large);
  EXPECT_EQ(plan.too_large_in, "all");
  options.max_bytes = 1u << 30;
  EXPECT_FALSE(MakePlan(p, options).too_large);
}

}  // namespace
}  // namespace wfgen