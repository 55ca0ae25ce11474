// The oracle must pass real projects and catch a tampered result: a check
// that cannot fail would make the fuzzer's silence mean nothing.
#include "fuzz/project_oracle.h"

#include <gtest/gtest.h>

#include "generator/project/loader.h"

namespace wfgen {
namespace {

const char kProject[] = R"(commands:
  - name: prep
    script: ["python prep.py"]
    deps: [raw.txt]
    outputs: [corpus/]
  - name: a
    script: ["a"]
    outputs: [a.bin]
  - name: b
    script: ["b"]
workflows:
  all: [prep, {parallel: [a, b]}]
)";

struct Generated {
  LoadResult loaded;
  BuildPlan plan;
  EmitResult result;
};

Generated Generate(const std::string& yml) {
  Generated g;
  Diagnostics diag;
  EXPECT_TRUE(LoadProject(yml, LoadOptions(), &g.loaded, &diag));
  g.plan = MakePlan(g.loaded.project, PlanOptions{});
  g.result = Emit(g.loaded.project, g.plan, OracleEmitOptions());
  return g;
}

TEST(ProjectOracleTest, PassesRealProjectsAndCleanErrors) {
  EXPECT_EQ(CheckProjectText(kProject), "");
  EXPECT_EQ(CheckProjectText("commands: [\n"), "");
  EXPECT_EQ(CheckProjectText("workflows: {all: [nope]}\n"), "");
  EXPECT_EQ(CheckProjectText(""), "");
}

TEST(ProjectOracleTest, CatchesAnExtraEdge) {
  Generated g = Generate(kProject);
  ASSERT_EQ(CheckGenerated(g.loaded.project, g.plan, g.result), "");
  g.result.ninja += "build evil: phony\n";
  EXPECT_EQ(CheckGenerated(g.loaded.project, g.plan, g.result),
            "in the Ninja file but not declared: evil");
}

TEST(ProjectOracleTest, CatchesAnEdgeReadingSomethingUndeclared) {
  Generated g = Generate(kProject);
  size_t at = g.result.ninja.find("build all: phony");
  ASSERT_NE(at, std::string::npos);
  g.result.ninja.insert(g.result.ninja.find('\n', at), " /etc/passwd");
  EXPECT_NE(CheckGenerated(g.loaded.project, g.plan, g.result).find("undeclared node /etc/passwd"),
            std::string::npos);
}

TEST(ProjectOracleTest, CatchesADuplicateAfterNormalisation) {
  Generated g = Generate(kProject);
  g.result.ninja += "build ./a.bin: phony\n";
  EXPECT_NE(CheckGenerated(g.loaded.project, g.plan, g.result).find("two edges produce"),
            std::string::npos);
}

TEST(ProjectOracleTest, CatchesShellTextInACommandVariable) {
  Generated g = Generate(kProject);
  size_t at = g.result.ninja.find("  args = ");
  ASSERT_NE(at, std::string::npos);
  g.result.ninja.insert(at + 9, "x;rm -rf ");
  EXPECT_NE(CheckGenerated(g.loaded.project, g.plan, g.result).find("pasted into a shell"),
            std::string::npos);
}

TEST(ProjectOracleTest, CatchesASpecThatReadsBackDifferently) {
  Generated g = Generate(kProject);
  g.result.files[".wfgen/steps/a.step"] += "line extra\n";
  EXPECT_EQ(CheckGenerated(g.loaded.project, g.plan, g.result),
            "step file of a does not read back as loaded");
}

}  // namespace
}  // namespace wfgen
