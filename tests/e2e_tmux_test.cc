// The live status table, tested in a real terminal: `wfgen run all` runs
// inside tmux, and the pane is captured while a parallel group runs and
// after it ended with a failure.
#include <regex>

#include <gtest/gtest.h>

#include "runtime/base/utf8.h"
#include "tests/test_space.h"

namespace wfgen {
namespace test {
namespace {

// True if one line of `text` contains all of `parts`, in order.
bool LineWith(const std::string& text, const std::vector<std::string>& parts) {
  size_t start = 0;
  while (start < text.size()) {
    size_t eol = text.find('\n', start);
    std::string line =
        text.substr(start, eol == std::string::npos ? std::string::npos : eol - start);
    size_t at = 0;
    bool all = true;
    for (const std::string& p : parts) {
      at = line.find(p, at);
      if (at == std::string::npos) {
        all = false;
        break;
      }
      at += p.size();
    }
    if (all) return true;
    if (eol == std::string::npos) break;
    start = eol + 1;
  }
  return false;
}

class TmuxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    RunResult v = s.Run({"tmux", "-V"});
    ASSERT_EQ(v.exit, 0) << "tmux is needed for this test (./dev installs it): " << v.output;
    socket = s.Path("tmux.sock");
  }
  void TearDown() override { s.Run({"tmux", "-S", socket, "kill-server"}); }
  std::string Capture() { return CapturePane(s, socket); }
  bool WaitForPane(const std::string& needle, std::string* pane) {
    return test::WaitForPane(s, socket, needle, pane);
  }
  TestSpace s;
  std::string socket;
};

TEST_F(TmuxTest, TheTableShowsEachStepLiveAndTheOutcomeAtTheEnd) {
  s.Write("project.yml", R"(max_parallel_processes: 2
kill_grace: 1
commands:
  - name: long
    script: ["steptool long --sleep 20 --print working-on-it --out long.txt"]
    outputs: [long.txt]
  - name: bad
    script: ["steptool bad --wait-for seen --fail"]
  - name: third
    script: ["steptool third --out third.txt"]
    outputs: [third.txt]
  - name: after
    script: ["steptool after"]
workflows:
  all:
    - parallel: [long, bad, third]
    - after
)");
  std::string cmd = "cd '" + s.dir() + "' && PATH='" + DirOf(SteptoolBin()) + ":" +
                    DirOf(WfgenBin()) + ":'$PATH LANG=C.UTF-8 " + WfgenBin() +
                    " run all; echo \"[exit $?]\"; sleep 60";
  RunResult start = s.Run({"tmux", "-S", socket, "new-session", "-d", "-s", "t", "-x", "90", "-y",
                           "30", "sh", "-c", cmd});
  ASSERT_EQ(start.exit, 0) << start.output;

  // While the group runs: the header, the group, the running rows (with
  // elapsed time and the last output line), the waiting step after it.
  // `bad` fails only once the test has seen all that (it waits for `seen`).
  std::string pane;
  ASSERT_TRUE(WaitForPane("working-on-it", &pane)) << pane;
  // Which members Ninja starts first is its choice; two run at a time (the
  // second one's start may be drawn a moment after the first one's line:
  // wait for it rather than race it).
  std::regex two_running("wfgen run all: 2 running, [01] of 4 done");
  EXPECT_TRUE(WaitFor(
      [&] {
        pane = Capture();
        return std::regex_search(pane, two_running) &&
               pane.find("working-on-it") != std::string::npos;
      },
      30))
      << pane;
  EXPECT_NE(pane.find("┌ parallel group 1"), std::string::npos) << pane;
  EXPECT_TRUE(LineWith(pane, {"│ ", "long", "s", "working-on-it"})) << pane;
  EXPECT_TRUE(LineWith(pane, {"after", "waiting"})) << pane;
  // Redrawn in place: the header appears once, however often it was drawn.
  EXPECT_EQ(pane.find("wfgen run all:"), pane.rfind("wfgen run all:")) << pane;
  s.Write("seen", "");

  // After the failure: the failed row, the terminated row naming the cause,
  // the step that never started, the summary, ninja's exit status.
  ASSERT_TRUE(WaitForPane("[exit ", &pane)) << pane;
  EXPECT_TRUE(LineWith(pane, {"│ ✗ bad", "failed (exit code 1)"})) << pane;
  EXPECT_TRUE(LineWith(pane, {"│ ⊘ long", "terminated because 'bad' failed"})) << pane;
  EXPECT_TRUE(LineWith(pane, {"- after", "not started"})) << pane;
  EXPECT_NE(pane.find("wfgen: all: "), std::string::npos) << pane;
  EXPECT_NE(pane.find("1 failed, 1 terminated"), std::string::npos) << pane;
  EXPECT_NE(pane.find("failed: bad (exit code 1), log: .wfgen/logs/bad.log"), std::string::npos)
      << pane;
  EXPECT_NE(pane.find("[exit 1]"), std::string::npos) << pane;
  EXPECT_EQ(pane.find("FAILED:"), std::string::npos) << pane;
  // Every line fits the 90 columns.
  size_t start_of_line = 0;
  while (start_of_line < pane.size()) {
    size_t eol = pane.find('\n', start_of_line);
    std::string line = pane.substr(start_of_line, eol - start_of_line);
    EXPECT_LE(DisplayWidth(line), 90) << line;
    if (eol == std::string::npos) break;
    start_of_line = eol + 1;
  }
}

TEST_F(TmuxTest, NoColorAndResizeAreHonoured) {
  s.Write("project.yml", R"(commands:
  - name: slow
    script: ["steptool slow --print a-rather-long-line-of-output-that-will-not-fit-in-a-narrow-window --wait-for resized"]
workflows:
  all: [slow]
)");
  std::string cmd = "cd '" + s.dir() + "' && PATH='" + DirOf(SteptoolBin()) + ":" +
                    DirOf(WfgenBin()) + ":'$PATH NO_COLOR=1 LANG=C.UTF-8 " + WfgenBin() +
                    " run all; echo \"[exit $?]\"; sleep 60";
  ASSERT_EQ(s.Run({"tmux", "-S", socket, "new-session", "-d", "-s", "t", "-x", "100", "-y", "20",
                   "sh", "-c", cmd})
                .exit,
            0);
  std::string pane;
  ASSERT_TRUE(WaitForPane("a-rather-long", &pane)) << pane;
  s.Run({"tmux", "-S", socket, "resize-window", "-t", "t", "-x", "40", "-y", "20"});
  ASSERT_TRUE(WaitFor(
      [&] {
        pane = Capture();
        return pane.find("…") != std::string::npos;
      },
      10))
      << pane;
  std::string raw = s.Run({"tmux", "-S", socket, "capture-pane", "-p", "-e", "-t", "t"}).output;
  EXPECT_EQ(raw.find("\x1b[3"), std::string::npos) << "colour codes despite NO_COLOR";
  s.Write("resized", "");  // the step ends only now: the table was seen while it ran
  ASSERT_TRUE(WaitForPane("[exit 0]", &pane)) << pane;
}

// The table is redrawn about ten times a second. Drawn from the top of the
// screen, none of those frames may end up in tmux's history (scrollback):
// erasing to the end of the screen from the home position is a screen
// clear, which tmux keeps.
TEST_F(TmuxTest, RedrawsLeaveNoFramesInTheScrollback) {
  s.Write("project.yml", R"(commands:
  - name: slow
    script: ["steptool slow --print started --sleep 3"]
  - name: quick
    script: ["steptool quick"]
workflows:
  all: [slow, quick]
)");
  std::string cmd = "cd '" + s.dir() + "' && PATH='" + DirOf(SteptoolBin()) + ":" +
                    DirOf(WfgenBin()) + ":'$PATH LANG=C.UTF-8 " + WfgenBin() +
                    " run all; echo \"[exit $?]\"; sleep 60";
  ASSERT_EQ(s.Run({"tmux", "-S", socket, "new-session", "-d", "-s", "t", "-x", "80", "-y", "24",
                   "sh", "-c", cmd})
                .exit,
            0);
  std::string pane;
  ASSERT_TRUE(WaitForPane("[exit 0]", &pane)) << pane;
  // About 30 frames of 3 lines were drawn; the summary and the step's
  // output fit on the screen, so the history holds at most a line or two.
  std::string history =
      s.Run({"tmux", "-S", socket, "display", "-p", "-t", "t", "#{history_size}"}).output;
  EXPECT_LE(std::stoi(history), 2) << "history: " << history << "pane:\n" << pane;
  EXPECT_EQ(CountOf(pane, "wfgen run all:"), 1) << pane;
}

}  // namespace
}  // namespace test
}  // namespace wfgen
