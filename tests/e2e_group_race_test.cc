// End-to-end: a parallel group whose member reads another member's output.
// Staged (weasel's order): refused at generation, with the exact message.
// Dataflow: the reader runs after the writer, and again whenever the
// writer changed what it reads (real ninja).
#include <gtest/gtest.h>

#include "tests/test_space.h"

namespace wfgen {
namespace test {
namespace {

const char kRacing[] = R"(commands:
  - name: train
    script: ["steptool train --in config.txt --outdir training/cnn --stamp times.log"]
    deps: [config.txt]
    outputs: [training/cnn]
  - name: evaluate
    script: ["steptool evaluate --in training/cnn/part-1.txt --out metrics.json --stamp times.log"]
    deps: [training/cnn/part-1.txt]
    outputs: [metrics.json]
workflows:
  all:
    - parallel: [evaluate, train]
)";

// The time of "NAME start|end MS" in steptool's --stamp file.
long long At(const std::string& log, const std::string& what) {
  size_t at = log.rfind(what + " ");
  return at == std::string::npos ? -1 : std::stoll(log.substr(at + what.size() + 1));
}

TEST(GroupRaceTest, StagedRefusesTheGroupAtGeneration) {
  TestSpace s;
  s.Write("config.txt", "epochs 1\n");
  s.Write("project.yml", kRacing);
  RunResult r = s.Wfgen();
  EXPECT_EQ(r.exit, 2);
  EXPECT_EQ(r.output,
            "project.yml:12:18: error: 'evaluate' in parallel group 1 reads "
            "'training/cnn/part-1.txt', which 'train' in the same group writes\n"
            "      - parallel: [evaluate, train]\n"
            "                   ^\n"
            "  note: move 'evaluate' after the group (a step of its own), or use --schedule "
            "dataflow, which runs it after 'train'\n"
            "wfgen: 1 error in project.yml; nothing was written\n");
  EXPECT_FALSE(s.Exists("build.ninja"));
  // Every command that reads the project says it, `wfgen graph` too.
  EXPECT_NE(s.Wfgen({"graph"}).output.find("'evaluate' in parallel group 1 reads"),
            std::string::npos);
}

TEST(GroupRaceTest, DataflowRunsTheReaderAfterTheWriterAndAgainWhenItChanged) {
  TestSpace s;
  s.Write("config.txt", "epochs 1\n");
  s.Write("project.yml", kRacing);
  ASSERT_EQ(s.Wfgen({"--schedule", "dataflow"}).exit, 0);
  RunResult r = s.Ninja({"all"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(s.TakeRuns(), (std::vector<std::string>{"train", "evaluate"}));
  std::string times = s.Read("times.log");
  EXPECT_GE(At(times, "evaluate start"), At(times, "train end")) << times;

  // A new config: train writes new outputs, so evaluate judges the new model.
  s.Replace("config.txt", "epochs 1", "epochs 2");
  r = s.Ninja({"all"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(s.TakeRuns(), (std::vector<std::string>{"train", "evaluate"}));
  times = s.Read("times.log");
  EXPECT_GE(At(times, "evaluate start"), At(times, "train end")) << times;

  r = s.Ninja({"all"});
  EXPECT_EQ(s.TakeRuns(), std::vector<std::string>{}) << r.output;
}

}  // namespace
}  // namespace test
}  // namespace wfgen
