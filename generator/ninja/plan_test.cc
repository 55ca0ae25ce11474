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