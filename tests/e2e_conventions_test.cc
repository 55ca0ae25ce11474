// End-to-end: the Ninja conventions of the README ("Ninja conventions"):
// path targets (`ninja out/PATH`, `wfgen run PATH`), `ninja -t clean`, the
// exit status of plain ninja; and warnings shown once.
#include <gtest/gtest.h>

#include "tests/test_space.h"

namespace wfgen {
namespace test {
namespace {

using Runs = std::vector<std::string>;

// prep -> feat -> train, and report after them.
const char kChain[] = R"(commands:
  - name: prep
    script: ["steptool prep --in raw.txt --out prep.txt"]
    deps: [raw.txt]
    outputs: [prep.txt]
  - name: feat
    script: ["steptool feat --in prep.txt --out feat.txt"]
    deps: [prep.txt]
    outputs: [feat.txt]
  - name: train
    script: ["steptool train --in feat.txt --out model.txt"]
    deps: [feat.txt]
    outputs: [model.txt]
  - name: side
    script: ["steptool side --out side.txt"]
    outputs: [side.txt]
workflows:
  all: [prep, feat, train]
)";

class ConventionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    s.Write("raw.txt", "line1\n");
    s.Write("project.yml", kChain);
    RunResult g = s.Wfgen();
    ASSERT_EQ(g.exit, 0) << g.output;
  }
  TestSpace s;
};

TEST_F(ConventionsTest, TheOutputAliasRunsTheWorkflowUpToItsProducer) {
  RunResult r = s.Ninja({"out/feat.txt"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(s.TakeRuns(), (Runs{"prep", "feat"}));
  EXPECT_TRUE(s.Exists("feat.txt"));
  EXPECT_FALSE(s.Exists("model.txt"));
  // Up to date now, and the path itself still names only the file.
  r = s.Ninja({"out/feat.txt"});
  EXPECT_NE(r.output.find("ninja: no work to do."), std::string::npos) << r.output;
  r = s.Ninja({"model.txt"});
  EXPECT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(s.TakeRuns(), Runs{});
  // `ninja all` and `ninja NAME` are as before.
  r = s.Ninja({"train"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(s.TakeRuns(), (Runs{"train"}));
  s.Remove("model.txt");
  r = s.Ninja({"all"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(s.TakeRuns(), (Runs{"train"}));
}

TEST_F(ConventionsTest, WfgenRunTakesAPath) {
  RunResult r = s.Wfgen({"run", "./feat.txt", "--plain"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(s.TakeRuns(), (Runs{"prep", "feat"}));
  EXPECT_FALSE(s.Exists("model.txt"));
  r = s.Wfgen({"run", "out/model.txt", "--dry"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_NE(r.output.find("would skip prep: "), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("would run  train: "), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("1 of 3 steps would run."), std::string::npos) << r.output;
  // An output that workflow all does not write, and a path nothing writes.
  r = s.Wfgen({"run", "side.txt"});
  EXPECT_EQ(r.exit, 1);
  EXPECT_EQ(r.output,
            "wfgen: error: 'side.txt' is written by 'side', which workflow 'all' does not run; "
            "run the command: wfgen run side\n");
  r = s.Wfgen({"run", "nowhere/x.txt"});
  EXPECT_EQ(r.exit, 1);
  EXPECT_NE(r.output.find("  no command declares 'nowhere/x.txt' as an output either\n"),
            std::string::npos)
      << r.output;
  EXPECT_EQ(s.TakeRuns(), Runs{});
}

TEST_F(ConventionsTest, CleanRemovesStampsOnlyAndForceRecomputes) {
  ASSERT_EQ(s.Ninja({"all"}).exit, 0);
  s.TakeRuns();
  RunResult r = s.Ninja({"-t", "clean"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_TRUE(s.Exists("model.txt"));
  r = s.Ninja({"all"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(s.TakeRuns(), Runs{});  // every step started, and skipped by content
  EXPECT_NE(r.output.find("Skipping 'train': nothing changed"), std::string::npos) << r.output;
  r = s.Wfgen({"run", "all", "--force", "--plain"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(s.TakeRuns(), (Runs{"prep", "feat", "train"}));
}

TEST_F(ConventionsTest, ExitStatusOfPlainNinja) {
  s.Remove("raw.txt");
  RunResult r = s.Ninja({"all"});
  EXPECT_EQ(r.exit, 1) << r.output;
  EXPECT_NE(r.output.find("ninja: build stopped: subcommand failed."), std::string::npos)
      << r.output;
  r = s.Ninja({"nosuch"});
  EXPECT_EQ(r.exit, 1) << r.output;
}

// A line that looks like it wants a shell warns the first time the project
// is loaded, by whichever command, and again only when the script changes.
TEST(ShownOnceTest, ShellWarningsAreShownOncePerScript) {
  TestSpace s;
  const std::string yml =
      "commands:\n"
      "  - name: clean\n"
      "    script: [\"rm -rf training/*\"]\n"
      "workflows:\n"
      "  all: [clean]\n";
  s.Write("project.yml", yml);
  const std::string warning = "project.yml:3:14: warning: this line uses the glob `*`";
  RunResult r = s.Wfgen({"list"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_NE(r.output.find(warning), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("this warning is shown once until the script changes"), std::string::npos)
      << r.output;
  for (std::vector<std::string> args : {std::vector<std::string>{},
                                        {"list"},
                                        {"explain", "clean"},
                                        {"document"},
                                        {"run", "all", "--plain"}}) {
    r = s.Wfgen(args);
    EXPECT_EQ(r.output.find("warning:"), std::string::npos) << args.size() << r.output;
  }
  s.Replace("project.yml", "training/*", "models/*");
  r = s.Wfgen({"list"});
  EXPECT_NE(r.output.find("this line uses the glob `*`"), std::string::npos) << r.output;
  r = s.Wfgen({"list"});
  EXPECT_EQ(r.output.find("warning:"), std::string::npos) << r.output;
  // `shell: false` says the line is meant literally: no warning at all.
  s.Write("project.yml",
          "commands:\n  - name: clean\n    shell: false\n"
          "    script: [\"rm -rf other/*\"]\n");
  r = s.Wfgen({"list"});
  EXPECT_EQ(r.output.find("warning:"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace test
}  // namespace wfgen
