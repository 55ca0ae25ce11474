// End-to-end: a step that runs alone streams its output as it is produced
// (Ninja's console pool), under plain `ninja` in a terminal, under
// `wfgen run` in a terminal (lines scroll above the table) and in plain
// mode (a pipe). Each step prints a line, then waits for a file that the
// test creates only once it has seen that line: the line was live, or the
// test times out. (The lines are matched whole: the echoed command line
// holds the same words.) The step also reads the terminal (as `breakpoint()` does).
#include <poll.h>

#include <gtest/gtest.h>

#include "tests/test_space.h"

namespace wfgen {
namespace test {
namespace {

const char kLive[] = R"(commands:
  - name: live
    script: ["steptool live --print first-line --wait-for go --then second-line"]
workflows:
  all: [live]
)";

class LiveTest : public ::testing::Test {
 protected:
  void SetUp() override {
    s.Write("project.yml", kLive);
    socket = s.Path("tmux.sock");
  }
  void TearDown() override {
    if (started) s.Run({"tmux", "-S", socket, "kill-server"});
  }
  void StartInTmux(const std::string& what) {
    std::string cmd = "cd '" + s.dir() + "' && PATH='" + DirOf(SteptoolBin()) + ":" +
                      DirOf(WfgenBin()) + ":'$PATH LANG=C.UTF-8 " + what +
                      "; echo \"[exit $?]\"; sleep 60";
    RunResult r = s.Run({"tmux", "-S", socket, "new-session", "-d", "-s", "t", "-x", "80", "-y",
                         "24", "sh", "-c", cmd});
    ASSERT_EQ(r.exit, 0) << r.output;
    started = true;
  }
  std::string Capture() { return CapturePane(s, socket); }
  bool WaitForPane(const std::string& needle, std::string* pane) {
    return test::WaitForPane(s, socket, needle, pane);
  }
  TestSpace s;
  std::string socket;
  bool started = false;
};

TEST_F(LiveTest, PlainNinjaShowsTheLineWhileTheStepRuns) {
  ASSERT_EQ(s.Wfgen().exit, 0);
  StartInTmux("ninja all");
  std::string pane;
  ASSERT_TRUE(WaitForPane("\nfirst-line\n", &pane)) << pane;
  EXPECT_EQ(pane.find("\nsecond-line\n"), std::string::npos) << pane;
  s.Write("go", "");
  ASSERT_TRUE(WaitForPane("[exit 0]", &pane)) << pane;
  EXPECT_NE(pane.find("\nsecond-line\n"), std::string::npos) << pane;
}

TEST_F(LiveTest, WfgenRunScrollsTheLinesAboveTheTable) {
  StartInTmux(WfgenBin() + " run all");
  std::string pane;
  ASSERT_TRUE(WaitForPane("\nfirst-line\n", &pane)) << pane;
  // The table is still drawn below, the step running.
  EXPECT_NE(pane.find("wfgen run all: 1 running"), std::string::npos) << pane;
  EXPECT_LT(pane.find("\nfirst-line\n"), pane.find("wfgen run all:")) << pane;
  s.Write("go", "");
  ASSERT_TRUE(WaitForPane("[exit 0]", &pane)) << pane;
  EXPECT_LT(pane.find("\nfirst-line\n"), pane.find("\nsecond-line\n")) << pane;
  EXPECT_EQ(CountOf(pane, "\nfirst-line\n"), 1) << pane;
}

TEST_F(LiveTest, PlainModePrintsLinesAsTheyArriveBeforeTheEnd) {
  TestSpace::Background bg = s.Start({WfgenBin(), "run", "all"});
  std::string out;
  ASSERT_TRUE(ReadUntil(&bg, "\nfirst-line\n", &out, 30)) << out;
  EXPECT_EQ(out.find("succeeded"), std::string::npos) << out;
  s.Write("go", "");
  RunResult r = TestSpace::Wait(&bg);
  out += r.output;
  EXPECT_EQ(r.exit, 0) << out;
  size_t start = out.find("[wfgen] start      live");
  size_t first = out.find("\nfirst-line\n");
  size_t second = out.find("\nsecond-line\n");
  size_t end = out.find("[wfgen] succeeded  live");
  EXPECT_LT(start, first) << out;
  EXPECT_LT(first, second) << out;
  EXPECT_LT(second, end) << out;
  EXPECT_NE(end, std::string::npos) << out;
}

TEST_F(LiveTest, AStepAloneReadsTheTerminal) {
  s.Write("project.yml", R"(commands:
  - name: ask
    shell: true
    script: ["printf 'answer? '; read answer; echo got-$answer"]
workflows:
  all: [ask]
)");
  ASSERT_EQ(s.Wfgen().exit, 0);
  StartInTmux("ninja all");
  std::string pane;
  ASSERT_TRUE(WaitForPane("answer?", &pane)) << pane;
  s.Run({"tmux", "-S", socket, "send-keys", "-t", "t", "forty-two", "Enter"});
  ASSERT_TRUE(WaitForPane("[exit 0]", &pane)) << pane;
  EXPECT_NE(pane.find("got-forty-two"), std::string::npos) << pane;
}

}  // namespace
}  // namespace test
}  // namespace wfgen
