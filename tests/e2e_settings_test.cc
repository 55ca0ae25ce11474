// End-to-end: the command line (one parser for every command) and the
// settings kept with the build, with the real binaries and real ninja;
// the README's tour step by step on examples/textcat.
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "tests/test_space.h"

namespace wfgen {
namespace test {
namespace {

const char kProject[] = R"(vars:
  n: 1
  gpu: 0
commands:
  - name: show
    script: ["steptool show --out shown.txt --print n=${vars.n} --print gpu=${vars.gpu}"]
    outputs: [shown.txt]
workflows:
  all: [show]
)";

bool Has(const std::string& text, const std::string& what) {
  return text.find(what) != std::string::npos;
}

class SettingsTest : public ::testing::Test {
 protected:
  void SetUp() override { s.Write("project.yml", kProject); }
  TestSpace s;
};

// Issue 13: `wfgen run all --schedulenonsense dataflow` ran with dataflow;
// plain `wfgen` refused it. Now every command refuses it the same way.
TEST_F(SettingsTest, AMisspelledOptionIsRefusedByEveryCommand) {
  for (std::vector<std::string> args : {std::vector<std::string>{"--schedulenonsense", "dataflow"},
                                        {"run", "all", "--schedulenonsense", "dataflow"},
                                        {"list", "--schedulenonsense", "dataflow"}}) {
    RunResult r = s.Wfgen(args);
    EXPECT_EQ(r.exit, 2) << r.output;
    EXPECT_EQ(r.output.find("wfgen: error: unknown option '--schedulenonsense' for wfgen"), 0u)
        << r.output;
  }
  EXPECT_FALSE(s.Exists("build.ninja"));
}

// Issue 13: `--vars.x=$'a\nb'` was refused by `wfgen` and written as `a b`
// into the regeneration rule by `wfgen run`.
TEST_F(SettingsTest, AnOverrideWithALineBreakIsRefusedByEveryCommand) {
  for (std::vector<std::string> args : {std::vector<std::string>{"--vars.n=a\nb"},
                                        {"run", "all", "--vars.n=a\nb"},
                                        {"explain", "show", "--vars.n=a\nb"},
                                        {"graph", "--vars.n=a\nb"}}) {
    RunResult r = s.Wfgen(args);
    EXPECT_EQ(r.exit, 2) << args[0];
    EXPECT_EQ(r.output, "wfgen: error: '--vars.n=a...': a value cannot contain a line break\n");
  }
  EXPECT_FALSE(s.Exists("build.ninja"));
}

// weasel reads `--vars.n=007` with srsly.json_loads, which yields 7.
TEST_F(SettingsTest, LeadingZerosAreReadAsWeaselReadsThem) {
  RunResult r = s.Wfgen({"run", "all", "--vars.n=007"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_TRUE(Has(r.output, "Running command: steptool show --out shown.txt --print n=7 "))
      << r.output;
}

TEST_F(SettingsTest, RunKeepsWhatWasGivenAndAddsToIt) {
  ASSERT_EQ(s.Wfgen({"--vars.n=8", "--schedule", "dataflow"}).exit, 0);
  EXPECT_EQ(s.Read(".wfgen/settings"), "var --vars.n=8\nschedule dataflow\n");
  RunResult r = s.Wfgen({"run", "all", "--vars.gpu=1"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(r.output.find("wfgen: settings in force: --vars.n=8 --vars.gpu=1 "
                          "--schedule=dataflow (--reset forgets them)\n"),
            0u)
      << r.output;
  EXPECT_TRUE(Has(r.output, "--print n=8 --print gpu=1")) << r.output;
  std::string ninja = s.Read("build.ninja");
  EXPECT_TRUE(Has(ninja, "--vars.n=8 --vars.gpu=1 --schedule=dataflow")) << ninja;

  RunResult list = s.Wfgen({"list"});
  EXPECT_TRUE(Has(list.output,
                  "Settings in force (kept with the build; --reset forgets them):\n"
                  "  --vars.n=8\n  --vars.gpu=1\n  --schedule=dataflow\n"))
      << list.output;

  // Plain ninja regenerates with them after an edit of project.yml.
  s.Replace("project.yml", "n: 1", "n: 2");
  RunResult n = s.Ninja({"all"});
  ASSERT_EQ(n.exit, 0) << n.output;
  EXPECT_TRUE(Has(s.Read("build.ninja"), "--vars.n=8 --vars.gpu=1 --schedule=dataflow"));
  EXPECT_EQ(s.Read(".wfgen/settings"), "var --vars.n=8\nvar --vars.gpu=1\nschedule dataflow\n");

  // --reset: only what is given now.
  r = s.Wfgen({"run", "all", "--reset"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_TRUE(Has(r.output, "--print n=2 --print gpu=0")) << r.output;
  EXPECT_FALSE(s.Exists(".wfgen/settings"));
  EXPECT_FALSE(Has(s.Read("build.ninja"), "--vars."));
}

// `wfgen` itself takes exactly what it is given: it is where a build is
// configured (and where weasel's `run` without overrides is matched).
TEST_F(SettingsTest, GenerationSetsExactlyWhatItIsGiven) {
  ASSERT_EQ(s.Wfgen({"--vars.n=8"}).exit, 0);
  ASSERT_EQ(s.Wfgen({}).exit, 0);
  EXPECT_FALSE(s.Exists(".wfgen/settings"));
  EXPECT_FALSE(Has(s.Read("build.ninja"), "--vars.n=8"));
}

TEST_F(SettingsTest, AnOverrideOfAnUndefinedVarIsWarnedAbout) {
  RunResult r = s.Wfgen({"--vars.gpus=2"});
  EXPECT_EQ(r.exit, 0);
  EXPECT_EQ(r.output,
            "wfgen: warning: --vars.gpus: project.yml defines no var 'gpus', so this changes "
            "nothing unless the file uses ${vars.gpus} (did you mean '--vars.gpu'?)\n");
  EXPECT_EQ(s.Wfgen({"--vars.gpu=2"}).output, "");
}

TEST_F(SettingsTest, AMistypedCommandGetsDidYouMean) {
  RunResult r = s.Wfgen({"expalin", "show"});
  EXPECT_EQ(r.exit, 2);
  EXPECT_EQ(r.output,
            "wfgen: error: no command or project file 'expalin'; did you mean "
            "'wfgen explain'?\n");
  // A project file of that name is still a project file.
  s.Write("expalin", kProject);
  EXPECT_EQ(s.Wfgen({"expalin", "-o", "x.ninja"}).exit, 0);
}

TEST_F(SettingsTest, InitWithATemplateNameAlone) {
  RunResult r = s.Wfgen({"init", "parallel"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(r.output.find("'parallel' is a template: made it in ./parallel "
                          "(wfgen init parallel DIR puts it elsewhere).\n"),
            0u)
      << r.output;
  EXPECT_TRUE(Has(s.Read("parallel/project.yml"), "parallel:"));
  // Now ./parallel exists: the same words mean the directory, and say so.
  r = s.Wfgen({"init", "parallel"});
  EXPECT_EQ(r.exit, 2);
  EXPECT_TRUE(Has(r.output, "parallel exists and is not an empty directory")) << r.output;
}

TEST_F(SettingsTest, ExplainSaysTheLastRunFailedUntilOneSucceeds) {
  s.Write("project.yml",
          "commands:\n  - name: bad\n    script: [\"steptool bad --out o.txt --fail --exit 3\"]\n"
          "    outputs: [o.txt]\n");
  EXPECT_NE(s.Wfgen({"run", "bad"}).exit, 0);
  RunResult r = s.Wfgen({"explain", "bad"});
  EXPECT_TRUE(Has(r.output, "  last run ended: failed, exit code 3, at ")) << r.output;
  s.Replace("project.yml", " --fail --exit 3", "");
  ASSERT_EQ(s.Wfgen({"run", "bad"}).exit, 0);
  r = s.Wfgen({"explain", "bad"});
  EXPECT_FALSE(Has(r.output, "last run ended")) << r.output;
  EXPECT_FALSE(s.Exists(".wfgen/state/bad.failed"));
}

TEST_F(SettingsTest, EveryMissingDepIsNamedWithHowToGetIt) {
  s.Write("project.yml",
          "commands:\n  - name: train\n    script: [\"steptool train\"]\n"
          "    deps: [assets/a.jsonl, here.txt, assets/b.jsonl]\n");
  s.Write("here.txt", "x");
  RunResult r = s.Wfgen({"run", "train"});
  EXPECT_NE(r.exit, 0);
  EXPECT_TRUE(Has(r.output,
                  "Missing dependency specified by command 'train': assets/a.jsonl\n"
                  "Missing dependency specified by command 'train': assets/b.jsonl\n"
                  "They are made by an earlier step (run it first: `wfgen run WORKFLOW`), or an "
                  "asset of project.yml: fetch assets with `wfgen assets`, or put the files "
                  "there by hand.\n"))
      << r.output;
}

// The README's "A 30-second tour", step by step (issue 14: `wfgen run`
// dropped the settings given to `wfgen` before).
class TourTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* f :
         {"project.yml", "assets/reviews.jsonl", "scripts/preprocess.py", "scripts/report.py",
          "scripts/train_bayes.py", "scripts/train_perceptron.py", "scripts/evaluate.py"}) {
      std::ifstream in(std::string(EXAMPLES_DIR) + "/textcat/" + f);
      std::stringstream text;
      text << in.rdbuf();
      ASSERT_FALSE(text.str().empty()) << f;
      s.Write(f, text.str());
    }
  }
  // The commands the wrapper says it ran, in order.
  static std::vector<std::string> Ran(const std::string& output) {
    std::vector<std::string> ran;
    size_t at = 0;
    const std::string mark = "wfgen: running '";
    while ((at = output.find(mark, at)) != std::string::npos) {
      at += mark.size();
      ran.push_back(output.substr(at, output.find('\'', at) - at));
    }
    return ran;
  }
  RunResult Shell(const std::vector<std::string>& argv) { return s.Run(argv); }
  TestSpace s;
};

TEST_F(TourTest, TheReadmeTour) {
  using V = std::vector<std::string>;
  // wfgen && ninja all
  ASSERT_EQ(s.Wfgen().exit, 0);
  RunResult r = s.Ninja({"all"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(Ran(r.output),
            (V{"preprocess", "train-bayes", "train-perceptron", "evaluate", "report"}));
  // ninja all: only report (no outputs)
  r = s.Ninja({"all"});
  EXPECT_EQ(Ran(r.output), V{"report"}) << r.output;
  // touch assets/reviews.jsonl; ninja all: preprocess checked and skipped
  s.Touch("assets/reviews.jsonl");
  r = s.Ninja({"all"});
  EXPECT_EQ(Ran(r.output), V{"report"}) << r.output;
  // wfgen --vars.epochs=8 && ninja all
  ASSERT_EQ(s.Wfgen({"--vars.epochs=8"}).exit, 0);
  r = s.Ninja({"all"});
  EXPECT_EQ(Ran(r.output), (V{"train-perceptron", "evaluate", "report"})) << r.output;
  // wfgen run all --dry: the override is in force
  r = s.Wfgen({"run", "all", "--dry"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_TRUE(Has(r.output, "Settings in force: --vars.epochs=8\n")) << r.output;
  EXPECT_TRUE(Has(r.output, "would skip train-perceptron (parallel): ")) << r.output;
  EXPECT_TRUE(Has(r.output, "would run  report: ")) << r.output;
  // wfgen run all: nothing reruns but report; build.ninja keeps the override
  r = s.Wfgen({"run", "all", "--plain"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(Ran(r.output), V{"report"}) << r.output;
  EXPECT_TRUE(Has(s.Read("build.ninja"), "--vars.epochs=8"));
  r = s.Ninja({"all"});
  EXPECT_EQ(Ran(r.output), V{"report"}) << r.output;
}

}  // namespace
}  // namespace test
}  // namespace wfgen
