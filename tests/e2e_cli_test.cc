// End-to-end: wfgen's commands (run, list, explain, document, graph, init)
// on real temp projects, with real ninja.
#include <regex>

#include <gtest/gtest.h>

#include "tests/test_space.h"

namespace wfgen {
namespace test {
namespace {

using Runs = std::vector<std::string>;

const char kChain[] = R"(title: Chain
commands:
  - name: prep
    help: Prepare the data
    script: ["steptool prep --in raw.txt --out prep.txt --print prep-says-hi"]
    deps: [raw.txt]
    outputs: [prep.txt]
  - name: feat
    help: Make features
    script: ["steptool feat --in prep.txt --out feat.txt"]
    deps: [prep.txt]
    outputs: [feat.txt]
workflows:
  all: [prep, feat]
)";

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    s.Write("raw.txt", "x\n");
    s.Write("project.yml", kChain);
  }
  RunResult Wfgen(const std::vector<std::string>& args) {
    RunResult r = s.Wfgen(args);
    TestSpace::Settle();
    return r;
  }
  // Durations, and the order of the slowest steps, vary from run to run.
  static std::string NoTimes(const std::string& text) {
    std::string t = std::regex_replace(text, std::regex("[0-9]+\\.[0-9]s"), "T");
    return std::regex_replace(t, std::regex("  slowest: [^\n]*"), "  slowest: ...");
  }
  TestSpace s;
};

TEST_F(CliTest, RunWithoutATerminalPrintsOneLinePerEventExactly) {
  RunResult r = Wfgen({"run", "all"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(NoTimes(r.output),
            "[wfgen] start      prep  (log: .wfgen/logs/prep.log)\n"
            "wfgen: running 'prep': no record of a previous successful run\n"
            "Running command: steptool prep --in raw.txt --out prep.txt --print prep-says-hi\n"
            "[step] prep\n"
            "prep-says-hi\n"
            "[wfgen] succeeded  prep  T\n"
            "[wfgen] start      feat  (log: .wfgen/logs/feat.log)\n"
            "wfgen: running 'feat': no record of a previous successful run\n"
            "Running command: steptool feat --in prep.txt --out feat.txt\n"
            "[step] feat\n"
            "[wfgen] succeeded  feat  T\n"
            "wfgen: all: 2 succeeded in T\n"
            "  slowest: ...\n");
  r = Wfgen({"run", "all"});
  EXPECT_EQ(NoTimes(r.output), "wfgen: all: 2 up to date in T\n");
}

TEST_F(CliTest, RunFailuresSayWhichStepAndWhereTheLogIs) {
  s.Write("project.yml",
          std::regex_replace(std::string(kChain), std::regex("workflows:"),
                             "  - name: bad\n    script: [\"steptool bad --fail --exit 5\"]\n"
                             "workflows:\n  broken: [prep, bad, feat]"));
  RunResult r = Wfgen({"run", "broken"});
  EXPECT_EQ(r.exit, 5) << r.output;  // the failing step's own status
  std::string out = NoTimes(r.output);
  EXPECT_NE(out.find("[wfgen] failed     bad  exit code 5  (log: .wfgen/logs/bad.log)"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("wfgen: line 1 of 'bad' failed with exit code 5"), std::string::npos) << out;
  EXPECT_NE(out.find("wfgen: broken: 1 succeeded, 1 failed, 1 not started in T"), std::string::npos)
      << out;
  EXPECT_NE(out.find("  failed: bad (exit code 5), log: .wfgen/logs/bad.log"), std::string::npos)
      << out;
  EXPECT_EQ(out.find("FAILED:"), std::string::npos) << out;  // ninja's noise is filtered
}

TEST_F(CliTest, DryAccountsForEarlierStepsAndForceReruns) {
  Wfgen({"run", "all"});
  s.TakeRuns();
  s.Write("raw.txt", "changed\n");
  RunResult r = Wfgen({"run", "all", "--dry"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(r.output,
            "Dry run of 'all': nothing is executed.\n"
            "would run  prep: dep 'raw.txt' content changed\n"
            "    Running command: steptool prep --in raw.txt --out prep.txt --print prep-says-hi\n"
            "would run  feat: dep 'prep.txt' will be rebuilt by 'prep' before it\n"
            "    Running command: steptool feat --in prep.txt --out feat.txt\n"
            "2 of 2 steps would run.\n");
  EXPECT_EQ(s.TakeRuns(), Runs{});
  Wfgen({"run", "all"});
  EXPECT_EQ(s.TakeRuns(), (Runs{"prep", "feat"}));
  r = Wfgen({"run", "feat", "--force"});
  EXPECT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(s.TakeRuns(), Runs{"feat"});
  r = Wfgen({"run", "all", "--force"});
  EXPECT_EQ(s.TakeRuns(), (Runs{"prep", "feat"}));
}

TEST_F(CliTest, UnknownTargetsSuggestTheClosestName) {
  RunResult r = Wfgen({"run", "fet"});
  EXPECT_EQ(r.exit, 1);
  EXPECT_NE(r.output.find("no command or workflow named 'fet'"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("did you mean 'feat'?"), std::string::npos) << r.output;
}

TEST_F(CliTest, ListShowsGroupsAsGroups) {
  // feat reads prep's output: the two may not share a group (they would
  // race), so feat reads raw.txt here.
  std::string yml =
      std::regex_replace(std::string(kChain), std::regex("all: \\[prep, feat\\]"),
                         "all:\n    - parallel: [prep, feat]\nmax_parallel_processes: 3");
  s.Write("project.yml",
          std::regex_replace(yml, std::regex("deps: \\[prep.txt\\]"), "deps: [raw.txt]"));
  RunResult r = Wfgen({"list"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(r.output,
            "Chain\n\n"
            "Commands (wfgen run COMMAND, or ninja COMMAND):\n"
            "  prep      Prepare the data\n"
            "  feat      Make features\n"
            "\n"
            "Workflows (wfgen run WORKFLOW, or ninja WORKFLOW):\n"
            "  all\n"
            "     1. in parallel, at most 3 at a time:\n"
            "          prep\n"
            "          feat\n");
}

TEST_F(CliTest, ExplainNamesWhatChanged) {
  RunResult r = Wfgen({"explain", "prep"});
  EXPECT_NE(r.output.find("prep: would run now: no record of a previous successful run"),
            std::string::npos)
      << r.output;
  Wfgen({"run", "all"});
  r = Wfgen({"explain", "prep"});
  EXPECT_NE(r.output.find("prep: would be skipped now: nothing changed"), std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("    raw.txt  unchanged"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("  last run: because no record of a previous successful run"),
            std::string::npos)
      << r.output;
  s.Write("raw.txt", "edited\n");
  r = Wfgen({"explain", "prep"});
  EXPECT_NE(r.output.find("prep: would run now: dep 'raw.txt' content changed"), std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("    raw.txt  content changed"), std::string::npos) << r.output;
  s.Remove("feat.txt");
  r = Wfgen({"explain", "feat"});
  EXPECT_NE(r.output.find("feat: would run now: output 'feat.txt' was deleted"), std::string::npos)
      << r.output;
  s.Write("project.yml", std::regex_replace(std::string(kChain), std::regex("--out feat.txt"),
                                            "--out feat.txt --salt 2"));
  r = Wfgen({"explain", "feat"});
  EXPECT_NE(r.output.find("feat: would run now: its script changed"), std::string::npos)
      << r.output;
  r = Wfgen({"explain", "all"});
  EXPECT_EQ(r.output,
            "would run  prep: dep 'raw.txt' content changed\n"
            "would run  feat: its script changed\n");
}

TEST_F(CliTest, DocumentUpdatesOnlyItsSection) {
  s.Write("README.md", "# My notes\n\nKeep this.\n");
  RunResult r = Wfgen({"document", "-o", "README.md"});
  ASSERT_EQ(r.exit, 0) << r.output;
  std::string readme = s.Read("README.md");
  EXPECT_EQ(readme.find("# My notes\n\nKeep this.\n\n<!-- WFGEN: AUTO-GENERATED DOCS START"), 0u)
      << readme;
  EXPECT_NE(readme.find("| `prep` | Prepare the data |"), std::string::npos) << readme;
  s.Write("README.md", readme + "\nAfter the section.\n");
  s.Write("project.yml",
          std::regex_replace(std::string(kChain), std::regex("Make features"), "Features!"));
  Wfgen({"document", "-o", "README.md"});
  readme = s.Read("README.md");
  EXPECT_NE(readme.find("| `feat` | Features! |"), std::string::npos) << readme;
  EXPECT_EQ(readme.find("Make features"), std::string::npos) << readme;
  EXPECT_NE(readme.find("After the section.\n"), std::string::npos) << readme;
  EXPECT_EQ(readme.find("# My notes"), 0u);
}

TEST_F(CliTest, GraphIsDot) {
  RunResult r = Wfgen({"graph"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(r.output.find("digraph \"all\" {"), 0u) << r.output;
  EXPECT_NE(r.output.find("\"file:raw.txt\" -> \"step:workflows/all/1-prep\";"), std::string::npos);
  EXPECT_NE(
      r.output.find("\"step:workflows/all/1-prep\" -> \"step:workflows/all/2-feat\" [style=dashed"),
      std::string::npos)
      << r.output;
}

TEST_F(CliTest, TraceIsValidJsonWithOneLanePerSlot) {
  // a and b each wait until the other has started, then run on for 20 ms
  // more: the trace times steps as their wrappers saw them (events.h), so
  // each ends at least 20 ms after the other started, however late wfgen
  // run reads the events, and c starts after both ended.
  s.Write("project.yml", R"(max_parallel_processes: 2
commands:
  - {name: a, script: ["steptool a --mark a.on --wait-for b.on", "sleep 0.02"], outputs: [a.txt]}
  - {name: b, script: ["steptool b --mark b.on --wait-for a.on", "sleep 0.02"], outputs: [b.txt]}
  - {name: c, script: ["steptool c"], outputs: [c.txt]}
workflows:
  all:
    - parallel: [a, b]
    - c
)");
  RunResult r = Wfgen({"run", "all", "--trace", "trace.json"});
  ASSERT_EQ(r.exit, 0) << r.output;
  RunResult json = s.Run({"/usr/bin/python3", "-c",
                          "import json; t = json.load(open('trace.json'));"
                          "steps = [e for e in t['traceEvents'] if e['ph'] == 'X'];"
                          "print(sorted((e['name'], e['tid']) for e in steps))"});
  ASSERT_EQ(json.exit, 0) << json.output;
  // a and b overlap: two lanes; c runs after both and takes lane 0 again.
  EXPECT_TRUE(json.output == "[('a', 0), ('b', 1), ('c', 0)]\n" ||
              json.output == "[('a', 1), ('b', 0), ('c', 0)]\n")
      << json.output;
}

TEST_F(CliTest, InitMakesProjectsThatRun) {
  for (const char* t : {"minimal", "parallel"}) {
    RunResult r = Wfgen({"init", t, std::string("new-") + t});
    ASSERT_EQ(r.exit, 0) << r.output;
    r = s.Run({WfgenBin(), "run", "all"}, {}, s.Path(std::string("new-") + t));
    EXPECT_EQ(r.exit, 0) << r.output;
  }
  RunResult again = Wfgen({"init", "new-minimal"});
  EXPECT_EQ(again.exit, 2);
  EXPECT_NE(again.output.find("exists and is not an empty directory"), std::string::npos);
  RunResult bad = Wfgen({"init", "nope", "x"});
  EXPECT_EQ(bad.exit, 2);
  EXPECT_NE(bad.output.find("no template 'nope'"), std::string::npos) << bad.output;
}

TEST_F(CliTest, EveryCommandHasHelpAndThereIsAVersion) {
  for (const char* cmd : {"run", "list", "explain", "document", "graph", "init"}) {
    RunResult r = Wfgen({cmd, "--help"});
    EXPECT_EQ(r.exit, 0) << cmd;
    EXPECT_EQ(r.output.find("usage: wfgen " + std::string(cmd)), 0u) << r.output;
    EXPECT_NE(r.output.find("examples:"), std::string::npos) << cmd;
  }
  RunResult top = Wfgen({"--help"});
  EXPECT_NE(top.output.find("commands:"), std::string::npos);
  RunResult v = Wfgen({"--version"});
  EXPECT_EQ(v.output, "wfgen 0.1.0\n");
  RunResult w = s.Run({WfgenRunBin(), "--version"});
  EXPECT_EQ(w.output, "wfgen-run 0.1.0\n");
}

}  // namespace
}  // namespace test
}  // namespace wfgen
