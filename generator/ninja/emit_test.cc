#include "generator/ninja/emit.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "generator/project/loader.h"

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
  EXPECT_NE(e.ninja.find("build .wfgen/list: wfgen_list\ndefault .wfgen/list\n"), std::string::npos)
      << e.ninja;
}

TEST(EmitTest, APathNamedLikeATargetIsReferencedByItsAbsolutePath) {
  EmitOptions options;
  options.build_dir_abs = "/home/u/proj";
  EmitResult e = EmitFor(
      "commands:\n  - {name: corpus, script: [x], outputs: [corpus/]}\n"
      "  - {name: use, script: [x], deps: [corpus]}\n",
      options);
  EXPECT_EQ(e.ninja.find("build corpus: phony\n"), std::string::npos) << e.ninja;
  EXPECT_NE(e.ninja.find("build /home/u/proj/corpus: phony\n"), std::string::npos) << e.ninja;
  EXPECT_NE(e.ninja.find("build corpus: phony .wfgen/stamps/commands/corpus\n"), std::string::npos);
}

TEST(EmitTest, EmbeddedOutputsOfTheDefaultWorkflowGetAliases) {
  EmitOptions options;
  options.embed = "nlp";
  options.project_prefix = "nlp";
  options.build_dir_abs = "/top";
  options.build_file = "nlp.ninja";
  EmitResult e = EmitFor(R"(commands:
  - {name: prep, script: [x], deps: [out/raw], outputs: [corpus/, raw, ../shared.txt, /abs/x]}
  - {name: fix, script: [x], deps: [corpus, ../data/in.txt, ../shared.txt], outputs: [corpus]}
  - {name: side, script: [x], outputs: [side.txt]}
workflows:
  all: [prep, fix]
  other: [side]
)",
                         options);
  // Every step of `all` that declares the path; the last one alone would
  // miss a change made by an earlier one.
  EXPECT_NE(e.ninja.find("build nlp/out/corpus: phony .wfgen/nlp/stamps/workflows/all/1-prep "
                         ".wfgen/nlp/stamps/workflows/all/2-fix\n"),
            std::string::npos)
      << e.ninja;
  // Paths that would leave nlp/ once Ninja canonicalizes them, and outputs
  // of other workflows, get none.
  EXPECT_EQ(e.ninja.find("nlp/out/.."), std::string::npos) << e.ninja;
  EXPECT_EQ(e.ninja.find("nlp/out//abs"), std::string::npos) << e.ninja;
  EXPECT_EQ(e.ninja.find("nlp/out/side.txt"), std::string::npos) << e.ninja;
  // A project file whose path is an alias's name is named absolutely.
  EXPECT_NE(e.ninja.find("build /top/nlp/out/raw: phony\n"), std::string::npos) << e.ninja;
  EXPECT_NE(e.ninja.find("#   build build.ninja: phony nlp.ninja"), std::string::npos) << e.ninja;
  // A dep outside the project is left to the including file, unless the
  // project writes it.
  EXPECT_EQ(e.ninja.find("build data/in.txt: phony"), std::string::npos) << e.ninja;
  EXPECT_NE(e.ninja.find("build shared.txt: phony\n"), std::string::npos) << e.ninja;
  EXPECT_NE(e.ninja.find("nlp_wfgen_step nlp/corpus data/in.txt shared.txt |"), std::string::npos)
      << e.ninja;
}

// `ninja out/PATH` builds one output (output_alias.h); the path itself
// stays a phony leaf, so `ninja all` and `ninja NAME` are unchanged.
TEST(EmitTest, PlainFilesHaveOutputAliasesToo) {
  EmitResult e = EmitFor(kSerial);
  EXPECT_NE(e.ninja.find("build out/corpus: phony .wfgen/stamps/workflows/all/1-prep\n"),
            std::string::npos)
      << e.ninja;
  EXPECT_NE(e.ninja.find("build corpus: phony\n"), std::string::npos) << e.ninja;
  // report declares no outputs: no alias.
  EXPECT_EQ(e.ninja.find("build out/corpus/"), std::string::npos) << e.ninja;
  EXPECT_NE(e.ninja.find("# outputs of workflow all: `ninja out/PATH` runs it up to the steps "
                         "that write PATH\n"),
            std::string::npos)
      << e.ninja;
}

TEST(EmitTest, AProjectPathNamedLikeAnAliasIsWrittenAbsolutely) {
  EmitOptions options;
  options.build_dir_abs = "/p";
  EmitResult e = EmitFor(R"(commands:
  - {name: a, script: [x], outputs: [model, out/model]}
workflows:
  all: [a]
)",
                         options);
  EXPECT_NE(e.ninja.find("build out/model: phony .wfgen/stamps/workflows/all/1-a\n"),
            std::string::npos)
      << e.ninja;
  EXPECT_NE(e.ninja.find("build /p/out/model: phony\n"), std::string::npos) << e.ninja;
  EXPECT_NE(e.ninja.find("build out/out/model: phony"), std::string::npos) << e.ninja;
}

TEST(EmitTest, ResourcesReachTheSpecOnlyUnderSlurm) {
  const char yml[] = R"(commands:
  - name: train
    resources: {cpus: 4, mem: 16G, gpus: 1, time: "02:00:00", partition: gpu, extra: [--qos=high]}
    script: ["python train.py"]
  - name: report
    launcher: local
    resources: {cpus: 2}
    script: ["python report.py"]
)";
  LoadResult r;
  Diagnostics diag;
  ASSERT_TRUE(LoadProject(yml, LoadOptions(), &r, &diag)) << diag.Render("p", yml);
  // Locally, resources are a no-op: the spec is that of a plain command.
  StepSpec local = SpecOf(r.project, r.project.commands[0], ".");
  EXPECT_EQ(local.launcher, "");
  EXPECT_TRUE(local.resources.empty());
  // Under Slurm (top-level `launcher: slurm`, or --launcher slurm).
  r.project.launcher = "slurm";
  StepSpec slurm = SpecOf(r.project, r.project.commands[0], ".");
  EXPECT_EQ(slurm.launcher, "slurm");
  EXPECT_EQ(slurm.resources,
            (std::vector<std::string>{"cpus=4", "mem=16G", "gpus=1", "time=02:00:00",
                                      "partition=gpu", "extra=--qos=high"}));
  // A command's own `launcher: local` wins.
  StepSpec report = SpecOf(r.project, r.project.commands[1], ".");
  EXPECT_EQ(report.launcher, "");
  EXPECT_TRUE(report.resources.empty());
}

TEST(EmitTest, PathsInsideWfgensDirectoryAreNeverItsOwnNodes) {
  EmitOptions options;
  options.build_dir_abs = "/home/u/proj";
  EmitResult e = EmitFor("commands:\n  - {name: a, script: [x], deps: [.wfgen/always]}\n", options);
  EXPECT_NE(e.ninja.find("build /home/u/proj/.wfgen/always: phony\n"), std::string::npos)
      << e.ninja;
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