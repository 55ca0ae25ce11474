// End-to-end: what `wfgen run` reports and exits with after a failure or an
// interrupt, in plain mode (a pipe), with real ninja: the failing step's
// own exit status, counts that add up (up to date is its own state), the
// steps being stopped and when SIGKILL follows, and the signal that
// actually ended a step in its log.
#include <poll.h>
#include <signal.h>

#include <regex>

#include <gtest/gtest.h>

#include "tests/test_space.h"

namespace wfgen {
namespace test {
namespace {

std::string NoTimes(const std::string& text) {
  return std::regex_replace(text, std::regex("[0-9]+\\.[0-9]s"), "T");
}

TEST(StatusTest, ExitsWithTheFailingStepsOwnStatus) {
  TestSpace s;
  s.Write("project.yml", R"(commands:
  - name: prep
    script: ["steptool prep --out prep.txt"]
    outputs: [prep.txt]
  - name: three
    script: ["steptool three --fail --exit 3"]
  - name: after
    script: ["steptool after"]
workflows:
  all: [prep, three, after]
)");
  RunResult r = s.Wfgen({"run", "all"});
  EXPECT_EQ(r.exit, 3) << r.output;
  // The second time prep is up to date: Ninja does not start it.
  r = s.Wfgen({"run", "all"});
  EXPECT_EQ(r.exit, 3) << r.output;
  EXPECT_EQ(NoTimes(r.output),
            "[wfgen] start      three  (log: .wfgen/logs/three.log)\n"
            "wfgen: running 'three': no record of a previous successful run\n"
            "Running command: steptool three --fail --exit 3\n"
            "[step] three\n"
            "wfgen: line 1 of 'three' failed with exit code 3\n"
            "[wfgen] failed     three  exit code 3  (log: .wfgen/logs/three.log)\n"
            "wfgen: all: 1 up to date, 1 failed, 1 not started in T\n"
            "  slowest: three T\n"
            "  failed: three (exit code 3), log: .wfgen/logs/three.log\n")
      << r.output;
  // Plain ninja keeps its own exit status.
  EXPECT_EQ(s.Ninja({"all"}).exit, 1);
}

TEST(StatusTest, AGroupMemberNinjaDidNotStartIsUpToDateAfterAFailure) {
  TestSpace s;
  // bad fails once done has finished (its "ran" marker is touched last).
  s.Write("project.yml", R"(max_parallel_processes: 2
commands:
  - name: done
    script: ["steptool done --out done.txt"]
    outputs: [done.txt]
  - name: bad
    script: ["steptool bad --wait-for .wfgen/ran/workflows/all/1-done --fail --exit 3"]
workflows:
  all:
    - parallel: [done, bad]
)");
  RunResult r = s.Wfgen({"run", "all"});
  EXPECT_EQ(r.exit, 3) << r.output;
  EXPECT_NE(r.output.find("wfgen: all: 1 succeeded, 1 failed in "), std::string::npos) << r.output;
  r = s.Wfgen({"run", "all"});
  EXPECT_EQ(r.exit, 3) << r.output;
  // Now Ninja does not start `done`, and nothing after the group started
  // to tell: the dry run after the failure says it was up to date.
  EXPECT_NE(r.output.find("wfgen: all: 1 up to date, 1 failed in "), std::string::npos) << r.output;
}

TEST(StatusTest, WithKeepGoingTheFirstFailureDecides) {
  TestSpace s;
  // `late` waits for first's "ran" marker, which its wrapper touches after
  // reporting first's end: first fails first.
  s.Write("project.yml", R"(max_parallel_processes: 2
commands:
  - name: first
    script: ["steptool first --fail --exit 4"]
  - name: late
    script: ["steptool late --wait-for .wfgen/ran/workflows/all/1-first --fail --exit 5"]
workflows:
  all:
    - parallel: [first, late]
)");
  RunResult r = s.Wfgen({"run", "all", "-k", "0"});
  EXPECT_EQ(r.exit, 4) << r.output;
  EXPECT_NE(r.output.find("wfgen: all: 2 failed in "), std::string::npos) << r.output;
}

TEST(StatusTest, CtrlCSaysWhatIsBeingStoppedAndTheLogWhatEndedIt) {
  TestSpace s;
  // The script ignores SIGINT and SIGTERM (sleep inherits that): only the
  // SIGKILL after the grace period ends it.
  s.Write("project.yml", R"(kill_grace: 1
commands:
  - name: prep
    script: ["steptool prep --out prep.txt"]
    outputs: [prep.txt]
  - name: stuck
    shell: true
    script: ["trap '' INT TERM; echo stuck-started; sleep 30"]
  - name: after
    script: ["steptool after"]
workflows:
  all: [prep, stuck, after]
)");
  ASSERT_EQ(s.Wfgen({"run", "prep"}).exit, 0);
  TestSpace::Background bg = s.Start({WfgenBin(), "run", "all"});
  std::string out;
  ASSERT_TRUE(ReadUntil(&bg, "stuck-started\n", &out, 30)) << out;
  kill(bg.pid, SIGINT);
  RunResult r = TestSpace::Wait(&bg);
  out += r.output;
  EXPECT_NE(NoTimes(out).find("[wfgen] stopping   stuck  (SIGINT sent; SIGKILL after T unless "
                              "it exits)\n"),
            std::string::npos)
      << out;
  // prep ran as `wfgen run prep`: in the workflow its wrapper started and
  // found it up to date ("skipped").
  EXPECT_NE(NoTimes(out).find("wfgen: all: 1 skipped, 1 not started, 1 interrupted in T\n"),
            std::string::npos)
      << out;
  EXPECT_NE(s.Read(".wfgen/logs/stuck.log")
                .find("wfgen: 'stuck' got SIGINT and was killed by SIGKILL after the 1 s grace "
                      "period\n"),
            std::string::npos)
      << s.Read(".wfgen/logs/stuck.log");
  EXPECT_EQ(CountProcesses(s.dir()), 0);
}

// A program that is not there is named, and its step exits 127 as a shell
// would (not retried, not "exit code 1").
TEST(StatusTest, AMissingProgramIsNamed) {
  TestSpace s;
  s.Write("project.yml",
          "commands:\n  - name: miss\n    script: [\"no-such-program-xyz --flag\"]\n");
  RunResult r = s.Wfgen({"run", "miss", "--plain"});
  EXPECT_EQ(r.exit, 127) << r.output;
  EXPECT_NE(r.output.find("command not found: no-such-program-xyz"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace test
}  // namespace wfgen
