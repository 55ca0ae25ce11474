#include "generator/emit.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "generator/loader.h"

namespace wfgen {
namespace {

EmitResult EmitFor(const std::string& yml, EmitOptions options = EmitOptions(),
                   Schedule schedule = Schedule::kStaged) {
  LoadResult r;
  Diagnostics diag;
  EXPECT_TRUE(LoadProject(yml, LoadOptions(), &r, &diag)) << diag.Render("p", yml);
  options.wfgen = "/usr/bin/wfgen";
  options.wfgen_run = "/usr/bin/wfgen-run";
  BuildPlan plan = MakePlan(r.project, PlanOptions{schedule, 2});
  return Emit(r.project, plan, options);
}

// Golden files in generator/testdata. When the output changes on purpose:
//   WFGEN_UPDATE_GOLDENS=1 build/generator/generator_test --gtest_filter='EmitTest.*'
// then review `git diff generator/testdata` like any other change.
void ExpectGolden(const std::string& actual, const std::string& name) {
  std::string path = std::string(TESTDATA_DIR) + "/" + name;
  const char* update = getenv("WFGEN_UPDATE_GOLDENS");
  if (update && *update == '1') {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(actual, expected.str())
      << "generated text differs from " << path
      << "; if that is intended, rerun with WFGEN_UPDATE_GOLDENS=1 and review the diff";
}

const char kSerial[] = R"(commands:
  - name: prep
    script: ["python prep.py"]
    deps: [raw.txt]
    outputs: [corpus/]
  - name: report
    script: ["python report.py"]
    deps: ["corpus/train data.json"]
workflows:
  all: [prep, report]
)";


TEST(EmitTest, SerialWorkflowExactly) {
  EmitResult e = EmitFor(kSerial);
  ExpectGolden(e.ninja, "serial.ninja");
  EXPECT_EQ(e.meta_dir, ".wfgen");
  ASSERT_EQ(e.files.count(".wfgen/steps/prep.step"), 1u);
  EXPECT_EQ(e.files.at(".wfgen/steps/prep.step"),
            "wfgen-step 1\nname prep\nproject .\nline python prep.py\ndep raw.txt\nout corpus/\n"
            "shell 0\nno_skip 0\ngrace_ms 10000\n");
}

const char kGroups[] = R"(max_parallel_processes: 2
pools: {gpu: 1}
commands:
  - {name: prep, script: [x], outputs: [corpus]}
  - {name: a, script: [x], deps: [corpus], outputs: [a.bin], pool: gpu}
  - {name: b, script: [x], deps: [corpus], outputs: [b.bin]}
  - {name: eval, script: [x], deps: [a.bin, b.bin]}
workflows:
  all:
    - prep
    - parallel: [a, b]
    - eval
)";


TEST(EmitTest, ParallelGroupExactly) {
  EmitOptions options;
  options.project_file = "../proj/project.yml";
  options.project_prefix = "../proj";
  options.build_file = "nlp.ninja";
  options.embed = "nlp";
  options.regen_args = {"--vars.x=a b", "--embed=nlp"};
  EmitResult e = EmitFor(kGroups, options);
  ExpectGolden(e.ninja, "groups.ninja");
  ExpectGolden(e.files.at(".wfgen/nlp/groups/workflows/all/2.group"), "groups.group");
}

TEST(EmitTest, NoAllWorkflowMeansPlainNinjaListsTargets) {
  EmitResult e = EmitFor("commands:\n  - {name: a, script: [x]}\n");
  EXPECT_NE(e.ninja.find("build .wfgen/list: wfgen_list\ndefault .wfgen/list\n"),
            std::string::npos)
      << e.ninja;
}

TEST(EmitTest, APathNamedLikeATargetIsReferencedByItsAbsolutePath) {
  EmitOptions options;
  options.build_dir_abs = "/home/u/proj";
  EmitResult e = EmitFor(
      "commands:\n  - {name: corpus, script: [x], outputs: [corpus/]}\n"
      "  - {name: use, script: [x], deps: [corpus]}\n", options);
  EXPECT_EQ(e.ninja.find("build corpus: phony\n"), std::string::npos) << e.ninja;
  EXPECT_NE(e.ninja.find("build /home/u/proj/corpus: phony\n"), std::string::npos) << e.ninja;
  EXPECT_NE(e.ninja.find("build corpus: phony .wfgen/stamps/commands/corpus\n"), std::string::npos);
}

TEST(EmitTest, PathsInsideWfgensDirectoryAreNeverItsOwnNodes) {
  EmitOptions options;
  options.build_dir_abs = "/home/u/proj";
  EmitResult e = EmitFor("commands:\n  - {name: a, script: [x], deps: [.wfgen/always]}\n", options);
  EXPECT_NE(e.ninja.find("build /home/u/proj/.wfgen/always: phony\n"), std::string::npos) << e.ninja;
  EXPECT_NE(e.ninja.find("build .wfgen/always: phony\n"), std::string::npos) << e.ninja;
}

TEST(EmitTest, ACommandNamedLikeTheProjectFileLeavesRegenerationAlone) {
  EmitOptions options;
  options.build_dir_abs = "/home/u/proj";
  EmitResult e = EmitFor("commands:\n  - {name: project.yml, script: [x]}\n", options);
  EXPECT_NE(e.ninja.find("build build.ninja: wfgen_regen /home/u/proj/project.yml | "),
            std::string::npos)
      << e.ninja;
  EXPECT_NE(e.ninja.find("build project.yml: phony .wfgen/stamps/commands/project.yml\n"),
            std::string::npos);
}

}  // namespace
}  // namespace wfgen