// End-to-end: `wfgen && ninja` on real temp projects, checking which
// commands ran after each edit (the decisions weasel users rely on).
#include <unistd.h>

#include <gtest/gtest.h>

#include "tests/test_space.h"

namespace wfgen {
namespace test {
namespace {

using Runs = std::vector<std::string>;

// prep reads only line 1 of raw.txt; feat copies; train reads feat.txt and
// config.txt. Mirrors the fidelity harness's chain.
std::string Chain(const std::string& feat_extra = "", const std::string& feat_help = "") {
  return R"(title: chain
commands:
  - name: prep
    script:
      - "steptool prep --in raw.txt --out prep.txt --head 1"
    deps: [raw.txt]
    outputs: [prep.txt]
  - name: feat
)" + (feat_help.empty() ? "" : "    help: " + feat_help + "\n") +
         R"(    script:
      - "steptool feat --in prep.txt --out feat.txt)" +
         feat_extra + R"("
    deps: [prep.txt]
    outputs: [feat.txt]
  - name: train
    script:
      - "steptool train --in feat.txt --in config.txt --out model.txt"
    deps: [feat.txt, config.txt]
    outputs: [model.txt]
workflows:
  all: [prep, feat, train]
)";
}

class CoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    s.Write("raw.txt", "line1\nline2\n");
    s.Write("config.txt", "lr=0.1\n");
    s.Write("project.yml", Chain());
    RunResult g = s.Wfgen();
    ASSERT_EQ(g.exit, 0) << g.output;
  }
  RunResult All() { return s.Ninja({"all"}); }
  TestSpace s;
};

TEST_F(CoreTest, FreshRunThenNullBuildSpawnsNothing) {
  RunResult r = All();
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(s.TakeRuns(), (Runs{"prep", "feat", "train"}));
  r = All();
  EXPECT_EQ(r.exit, 0);
  EXPECT_EQ(s.TakeRuns(), Runs{});
  EXPECT_NE(r.output.find("ninja: no work to do."), std::string::npos) << r.output;
}

TEST_F(CoreTest, TouchWithoutChangeRerunsNothingAndTheNextNullBuildSpawnsNothing) {
  All();
  s.TakeRuns();
  s.Touch("raw.txt");
  RunResult r = All();
  EXPECT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(s.TakeRuns(), Runs{});
  EXPECT_NE(r.output.find("Skipping 'prep': nothing changed"), std::string::npos) << r.output;
  // Only the step whose input was touched was even started.
  EXPECT_EQ(r.output.find("feat"), std::string::npos) << r.output;
  r = All();
  EXPECT_NE(r.output.find("ninja: no work to do."), std::string::npos) << r.output;

  s.Touch("feat.txt");  // an intermediate output
  r = All();
  EXPECT_EQ(s.TakeRuns(), Runs{});
  r = All();
  EXPECT_NE(r.output.find("ninja: no work to do."), std::string::npos) << r.output;
}

TEST_F(CoreTest, ContentEditsRerunConsumersWithEarlyCutoff) {
  All();
  s.TakeRuns();
  // prep reads only line 1: it reruns, its output bytes do not change, so
  // feat and train are not even started.
  s.Settle();
  s.Write("raw.txt", "line1\nCHANGED\n");
  RunResult r = All();
  EXPECT_EQ(s.TakeRuns(), Runs{"prep"});
  EXPECT_EQ(r.output.find("feat"), std::string::npos) << r.output;
  r = All();
  EXPECT_NE(r.output.find("ninja: no work to do."), std::string::npos) << r.output;

  s.Settle();
  s.Write("raw.txt", "NEW1\nCHANGED\n");
  All();
  EXPECT_EQ(s.TakeRuns(), (Runs{"prep", "feat", "train"}));

  s.Settle();
  s.Write("config.txt", "lr=0.2\n");
  All();
  EXPECT_EQ(s.TakeRuns(), Runs{"train"});
}

TEST_F(CoreTest, ScriptEditsRerunThatCommandButHelpEditsDoNot) {
  All();
  s.TakeRuns();
  s.Settle();
  s.Write("project.yml", Chain(" --salt s2"));
  RunResult r = All();  // regenerates build.ninja first
  EXPECT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(s.TakeRuns(), (Runs{"feat", "train"}));
  s.Settle();
  s.Write("project.yml", Chain(" --salt s2 --noop-arg"));
  All();
  EXPECT_EQ(s.TakeRuns(), Runs{"feat"});  // same bytes out: train is not rerun
  s.Settle();
  s.Write("project.yml", Chain(" --salt s2  --noop-arg"));  // whitespace only
  All();
  EXPECT_EQ(s.TakeRuns(), Runs{"feat"});
  s.Settle();
  s.Write("project.yml", Chain(" --salt s2  --noop-arg", "\"new help\""));
  r = All();
  EXPECT_EQ(s.TakeRuns(), Runs{});
  r = All();
  EXPECT_NE(r.output.find("ninja: no work to do."), std::string::npos) << r.output;
}

TEST_F(CoreTest, DeletedOrEditedOutputRerunsItsProducer) {
  All();
  s.TakeRuns();
  s.Remove("feat.txt");
  All();
  EXPECT_EQ(s.TakeRuns(), Runs{"feat"});  // regenerated identical: train skips
  s.Settle();
  s.Write("model.txt", "edited by hand\n");
  RunResult r = All();
  EXPECT_EQ(s.TakeRuns(), Runs{"train"});
  EXPECT_NE(r.output.find("output 'model.txt' content changed"), std::string::npos) << r.output;
  r = All();
  EXPECT_NE(r.output.find("ninja: no work to do."), std::string::npos) << r.output;
}

TEST_F(CoreTest, AFailedCommandStopsTheWorkflowAndRerunsNextTime) {
  All();
  s.TakeRuns();
  // feat now writes a different output, then fails: that output must not
  // be trusted, and train must not run.
  s.Settle();
  s.Write("project.yml", Chain(" --salt s3 --fail-late --exit 3"));
  RunResult r = All();
  EXPECT_NE(r.exit, 0);
  EXPECT_EQ(s.TakeRuns(), Runs{"feat"});
  EXPECT_NE(r.output.find("failed with exit code 3"), std::string::npos) << r.output;
  r = All();
  EXPECT_NE(r.exit, 0);
  EXPECT_EQ(s.TakeRuns(), Runs{"feat"});
  s.Settle();
  s.Write("project.yml", Chain(" --salt s3"));
  r = All();
  EXPECT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(s.TakeRuns(), (Runs{"feat", "train"}));
  r = All();
  EXPECT_EQ(s.TakeRuns(), Runs{});
}

TEST_F(CoreTest, ACommandTargetRunsThatCommandAloneAndNamesAMissingDep) {
  RunResult r = s.Ninja({"train"});
  EXPECT_NE(r.exit, 0);
  EXPECT_EQ(s.TakeRuns(), Runs{});
  EXPECT_NE(r.output.find("Missing dependency specified by command 'train': feat.txt"),
            std::string::npos)
      << r.output;
  All();
  s.TakeRuns();
  s.Settle();
  s.Write("raw.txt", "NEW\n");
  r = s.Ninja({"feat"});  // like `weasel run feat`: prep is not run first
  EXPECT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(s.TakeRuns(), Runs{});
  r = s.Ninja({"prep"});
  EXPECT_EQ(s.TakeRuns(), Runs{"prep"});
  All();
  EXPECT_EQ(s.TakeRuns(), (Runs{"feat", "train"}));
}

TEST_F(CoreTest, BadInputKeepsTheOldBuildFile) {
  std::string before = s.Read("build.ninja");
  s.Settle();
  s.Write("project.yml", "commands:\n  - name: a\n    script: 5\n");
  RunResult r = s.Wfgen();
  EXPECT_EQ(r.exit, 2);
  EXPECT_NE(r.output.find("project.yml:3:13: error: the script of command 'a' must be a list"),
            std::string::npos)
      << r.output;
  EXPECT_EQ(s.Read("build.ninja"), before);
  r = All();  // ninja tries to regenerate, fails, runs nothing
  EXPECT_NE(r.exit, 0);
  EXPECT_EQ(s.TakeRuns(), Runs{});
}

TEST_F(CoreTest, OverridesSurviveRegeneration) {
  RunResult r = s.Wfgen({"--vars.salt=v2"});
  ASSERT_EQ(r.exit, 0) << r.output;
  s.Settle();
  s.Write("project.yml", R"(vars:
  salt: v1
commands:
  - name: v
    script: ["steptool v --out v.txt --salt ${vars.salt}"]
    outputs: [v.txt]
workflows:
  all: [v]
)");
  All();  // regenerates with --vars.salt=v2 kept
  EXPECT_EQ(s.TakeRuns(), Runs{"v"});
  EXPECT_NE(s.Read("v.txt").find("salt=v2"), std::string::npos);
  EXPECT_NE(s.Read("build.ninja").find("--vars.salt=v2"), std::string::npos);
  s.Wfgen();  // without the override: back to v1, which reruns
  All();
  EXPECT_EQ(s.TakeRuns(), Runs{"v"});
  EXPECT_NE(s.Read("v.txt").find("salt=v1"), std::string::npos);
}

class ProjectTest : public ::testing::Test {
 protected:
  void Generate(const std::string& yml) {
    s.Write("project.yml", yml);
    RunResult g = s.Wfgen();
    ASSERT_EQ(g.exit, 0) << g.output;
  }
  TestSpace s;
};

TEST_F(ProjectTest, ScriptLinesRunWithoutAShell) {
  Generate(R"(commands:
  - name: nosh
    script: ["steptool nosh --out out.txt --salt 'two words' > log.txt"]
    outputs: [out.txt]
workflows:
  all: [nosh]
)");
  RunResult r = s.Ninja({"all"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_FALSE(s.Exists("log.txt"));
  EXPECT_NE(s.Read("out.txt").find("salt=two words"), std::string::npos);
}

TEST_F(ProjectTest, ShellIsAnExplicitOptIn) {
  s.Write("project.yml", R"(commands:
  - name: sh
    shell: true
    script: ["steptool sh --out out.txt > log.txt && echo piped | cat >> log.txt"]
    outputs: [out.txt]
  - name: nosh
    script: ["rm -rf out/*"]
workflows:
  all: [sh]
)");
  RunResult g = s.Wfgen();
  ASSERT_EQ(g.exit, 0) << g.output;
  EXPECT_NE(g.output.find("project.yml:7:14: warning: this line uses the glob `*` as if a shell "
                          "ran it"),
            std::string::npos)
      << g.output;
  RunResult r = s.Ninja({"all"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(s.Read("log.txt"), "[step] sh\npiped\n");
}

TEST_F(ProjectTest, PythonMeansTheConfiguredInterpreter) {
  Generate(R"(commands:
  - name: alias
    script: ["python alias --out a.txt", "pip install nothing"]
    outputs: [a.txt]
workflows:
  all: [alias]
)");
  // WFGEN_PYTHON stands in for the interpreter: steptool records argv[1].
  RunResult r = s.Ninja({"all"}, {"WFGEN_PYTHON=" + SteptoolBin()});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(s.TakeRuns(), (Runs{"alias", "-m"}));
  EXPECT_NE(r.output.find("Running command: " + SteptoolBin() + " -m pip install nothing"),
            std::string::npos)
      << r.output;
}

TEST_F(ProjectTest, CommandsWithoutOutputsAlwaysRunAndRepeatsRunInPlace) {
  Generate(R"(commands:
  - name: prep
    script: ["steptool prep --in raw.txt --out prep.txt"]
    deps: [raw.txt]
    outputs: [prep.txt]
  - name: report
    script: ["steptool report --in raw.txt"]
    deps: [raw.txt]
workflows:
  all: [prep, report, prep, report]
)");
  s.Write("raw.txt", "x\n");
  s.Ninja({"all"});
  EXPECT_EQ(s.TakeRuns(), (Runs{"prep", "report", "report"}));
  s.Ninja({"all"});
  EXPECT_EQ(s.TakeRuns(), (Runs{"report", "report"}));
}

TEST_F(ProjectTest, OutputsNoCacheCountAndNeverCreatedOutputsAreSkipped) {
  Generate(R"(commands:
  - name: onc
    script: ["steptool onc --in raw.txt --out onc.txt"]
    deps: [raw.txt]
    outputs_no_cache: [onc.txt]
  - name: ghost
    script: ["steptool ghost --in raw.txt"]
    deps: [raw.txt]
    outputs: [never/created.txt]
workflows:
  all: [onc, ghost]
)");
  s.Write("raw.txt", "x\n");
  s.Ninja({"all"});
  EXPECT_EQ(s.TakeRuns(), (Runs{"onc", "ghost"}));
  s.Ninja({"all"});
  EXPECT_EQ(s.TakeRuns(), Runs{});
  s.Remove("onc.txt");
  s.Ninja({"all"});
  EXPECT_EQ(s.TakeRuns(), Runs{"onc"});
}

TEST_F(ProjectTest, DirectoriesAreHashedByTheirFiles) {
  Generate(R"(directories: [corpus]
commands:
  - name: split
    script: ["steptool split --in raw.txt --outdir parts"]
    deps: [raw.txt]
    outputs: [parts/]
  - name: merge
    script: ["steptool merge --in parts --out merged.txt"]
    deps: [parts]
    outputs: [merged.txt]
workflows:
  all: [split, merge]
)");
  EXPECT_TRUE(s.Exists("corpus"));  // `directories` are created on load
  s.Write("raw.txt", "x\n");
  s.Ninja({"all"});
  EXPECT_EQ(s.TakeRuns(), (Runs{"split", "merge"}));
  s.Ninja({"all"});
  EXPECT_EQ(s.TakeRuns(), Runs{});
  s.Settle();
  s.Write("parts/part-1.txt", "tampered\n");  // Ninja sees it through the depfile
  s.Ninja({"all"});
  EXPECT_EQ(s.TakeRuns(), Runs{"split"});
  s.Write("parts/extra.txt", "x\n");  // survives the rerun, so merge's input changed
  s.Ninja({"all"});
  EXPECT_EQ(s.TakeRuns(), (Runs{"split", "merge"}));
  // Ninja may start split's wrapper once more here, which then skips by
  // content: parts/extra.txt joined split's deps in the run above, and with
  // `deps = gcc` the restat mtime Ninja logs counts only the inputs it knew
  // before that run, so a file whose bytes were written a clock tick after
  // its directory entry (about 1 run in 300) looks newer than the log. Nothing
  // reruns, and the run after that is null.
  s.Ninja({"all"});
  EXPECT_EQ(s.TakeRuns(), Runs{});
  RunResult r = s.Ninja({"all"});
  EXPECT_EQ(s.TakeRuns(), Runs{});
  EXPECT_NE(r.output.find("ninja: no work to do."), std::string::npos) << r.output;
}

TEST_F(ProjectTest, OddPathsAndNamesSurviveNinjaEscaping) {
  Generate(R"(commands:
  - name: "odd: $name"
    script: ["steptool odd --in 'in put/data $1:x.txt' --out 'out dir/résumé: $2.txt'"]
    deps: ["in put/data $1:x.txt"]
    outputs: ["out dir/résumé: $2.txt"]
  - name: "next step"
    script: ["steptool next --in 'out dir/résumé: $2.txt' --out 'a#b.txt'"]
    deps: ["out dir/résumé: $2.txt"]
    outputs: ["a#b.txt"]
workflows:
  all: ["odd: $name", "next step"]
)");
  s.Write("in put/data $1:x.txt", "x\n");
  RunResult r = s.Ninja({"all"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(s.TakeRuns(), (Runs{"odd", "next"}));
  EXPECT_TRUE(s.Exists("out dir/résumé: $2.txt"));  // its directory was created
  r = s.Ninja({"all"});
  EXPECT_NE(r.output.find("ninja: no work to do."), std::string::npos) << r.output;
  r = s.Ninja({"odd: $name"});
  EXPECT_EQ(r.exit, 0) << r.output;
  s.Settle();
  s.Write("in put/data $1:x.txt", "y\n");
  s.Ninja({"all"});
  EXPECT_EQ(s.TakeRuns(), (Runs{"odd", "next"}));
}

TEST_F(ProjectTest, AProjectRunWithWeaselDoesNotRerunEverything) {
  // project.lock as weasel writes it: md5 of each file, of a directory's
  // files in sorted order, null for a missing output. A link to a
  // directory inside d/ is not entered (pathlib's rglob), so its file is not
  // in d/'s md5 (runtime/state/weasel_checksum.h).
  s.Write("raw.txt", "line1\n");
  s.Write("prep.txt", "line1\n");
  s.Write("d/x", "a\n");
  s.Write("elsewhere/y", "not in the sum\n");
  ASSERT_EQ(symlink("../elsewhere", s.Path("d/link").c_str()), 0);
  s.Write("project.lock", R"(prep:
  cmd: python -m weasel run prep
  script:
    - steptool prep --in raw.txt --out prep.txt
  deps:
    - path: raw.txt
      md5: 1ddab9058a07abc0db2605ab02a61a00
    - path: d/
      md5: 60b725f10c9c85c70d97880dfe8191b3
  outs:
    - path: prep.txt
      md5: 1ddab9058a07abc0db2605ab02a61a00
    - path: never.txt
      md5: null
stale:
  cmd: python -m weasel run stale
  script:
    - steptool stale --out stale.txt --salt old
  deps: []
  outs:
    - path: stale.txt
      md5: 00000000000000000000000000000000
)");
  s.Write("project.yml", R"(commands:
  - name: prep
    script: ["steptool prep --in raw.txt --out prep.txt"]
    deps: [raw.txt, d/]
    outputs: [prep.txt, never.txt]
  - name: stale
    script: ["steptool stale --out stale.txt"]
    outputs: [stale.txt]
workflows:
  all: [prep, stale]
)");
  RunResult g = s.Wfgen();
  ASSERT_EQ(g.exit, 0) << g.output;
  EXPECT_NE(g.output.find("imported 1 up-to-date record from weasel's project.lock (1 stale "
                          "entry will run)"),
            std::string::npos)
      << g.output;
  s.Ninja({"all"});
  EXPECT_EQ(s.TakeRuns(), Runs{"stale"});
}

}  // namespace
}  // namespace test
}  // namespace wfgen
