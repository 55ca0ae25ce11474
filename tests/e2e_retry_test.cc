// End-to-end: retries under real ninja. Each attempt appends
// "ATTEMPT MILLISECONDS" to attempts.log itself, so the number of attempts
// and the delays between them are read from the attempts' own timestamps
// (with generous upper bounds), never from a race.
#include <signal.h>
#include <time.h>

#include <sstream>

#include <gtest/gtest.h>

#include "tests/test_space.h"

namespace wfgen {
namespace test {
namespace {

// A command whose script records its attempt, writes its output, then
// runs `then` (a shell snippet deciding the exit status).
std::string Flaky(const std::string& name, const std::string& retries, const std::string& then) {
  return "  - name: " + name + "\n    shell: true\n    retries: " + retries + "\n    outputs: [" +
         name + ".out]\n    script:\n      - 'echo \"" + name +
         " $WFGEN_ATTEMPT $(date +%s%3N)\" >> attempts.log; echo x > " + name + ".out; " + then +
         "'\n";
}

struct Attempt {
  std::string name;
  int n = 0;
  long long ms = 0;
};

std::vector<Attempt> Attempts(const TestSpace& s, const std::string& name) {
  std::vector<Attempt> out;
  std::istringstream in(s.Exists("attempts.log") ? s.Read("attempts.log") : "");
  Attempt a;
  while (in >> a.name >> a.n >> a.ms) {
    if (a.name == name) out.push_back(a);
  }
  return out;
}

std::vector<int> Numbers(const std::vector<Attempt>& attempts) {
  std::vector<int> out;
  for (const Attempt& a : attempts) out.push_back(a.n);
  return out;
}

TEST(RetryTest, FailsUntilAttemptKThenSucceedsAndRecords) {
  TestSpace s;
  s.Write("project.yml", "commands:\n" + Flaky("flaky", "2", "test $WFGEN_ATTEMPT -ge 3"));
  ASSERT_EQ(s.Wfgen().exit, 0);
  RunResult r = s.Ninja({"flaky"});
  EXPECT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(Numbers(Attempts(s, "flaky")), (std::vector<int>{1, 2, 3}));
  // Plain ninja shows the step's output, attempts included.
  EXPECT_NE(r.output.find("wfgen: line 1 of 'flaky': exit code 1 (attempt 1 of 3); retrying"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("wfgen: 'flaky' succeeded on attempt 3 of 3"), std::string::npos);
  std::string log = s.Read(".wfgen/logs/flaky.log");
  EXPECT_EQ(CountOf(log, "wfgen: ---- attempt "), 3) << log;
  EXPECT_TRUE(s.Exists(".wfgen/state/flaky.rec"));
  // Recorded: the next run skips.
  r = s.Ninja({"flaky"});
  EXPECT_EQ(Attempts(s, "flaky").size(), 3u) << r.output;
}

TEST(RetryTest, FailsAfterTheLastAttemptWithItsStatusAndStartsOverNextTime) {
  TestSpace s;
  s.Write("project.yml", "commands:\n" + Flaky("flaky", "1", "exit $((10 + WFGEN_ATTEMPT))"));
  ASSERT_EQ(s.Wfgen().exit, 0);
  RunResult r = s.Ninja({"flaky"});
  EXPECT_NE(r.exit, 0);
  EXPECT_NE(r.output.find("failed with exit code 12 (attempt 2 of 2, the last)"), std::string::npos)
      << r.output;
  EXPECT_FALSE(s.Exists(".wfgen/state/flaky.rec"));
  // The wrapper's own exit status is the last attempt's.
  RunResult direct = s.Run({WfgenRunBin(), ".wfgen/steps/flaky.step"});
  EXPECT_EQ(direct.exit, 12) << direct.output;
  // Every run starts again from attempt 1.
  EXPECT_EQ(Numbers(Attempts(s, "flaky")), (std::vector<int>{1, 2, 1, 2}));
}

TEST(RetryTest, DelayAndBackoffAreKept) {
  TestSpace s;
  s.Write("project.yml",
          "commands:\n" + Flaky("flaky", "{max: 2, delay: 0.3, backoff: 2}", "exit 1"));
  ASSERT_EQ(s.Wfgen().exit, 0);
  RunResult r = s.Ninja({"flaky"});
  EXPECT_NE(r.exit, 0);
  std::vector<Attempt> a = Attempts(s, "flaky");
  ASSERT_EQ(a.size(), 3u) << r.output;
  long long first = a[1].ms - a[0].ms, second = a[2].ms - a[1].ms;
  EXPECT_GE(first, 300);
  EXPECT_LT(first, 300 + 5000);
  EXPECT_GE(second, 600);
  EXPECT_LT(second, 600 + 5000);
}

TEST(RetryTest, NotFoundIsNotRetried) {
  TestSpace s;
  s.Write("project.yml",
          "commands:\n  - name: missing\n    retries: 3\n    script: [wfgen-no-such-tool x]\n");
  ASSERT_EQ(s.Wfgen().exit, 0);
  RunResult r = s.Ninja({"missing"});
  EXPECT_NE(r.exit, 0);
  std::string log = s.Read(".wfgen/logs/missing.log");
  EXPECT_EQ(CountOf(log, "Running command"), 1) << log;
  EXPECT_NE(log.find("not retried: another attempt would fail the same way"), std::string::npos);
  EXPECT_EQ(s.Run({WfgenRunBin(), ".wfgen/steps/missing.step"}).exit, 127);
}

TEST(RetryTest, OnNarrowsToTheNamedExitCodes) {
  TestSpace s;
  s.Write("project.yml", "commands:\n" + Flaky("four", "{max: 3, on: [3]}", "exit 4") +
                             Flaky("three", "{max: 1, on: [3]}", "exit 3"));
  ASSERT_EQ(s.Wfgen().exit, 0);
  s.Ninja({"-k", "0", "four", "three"});
  EXPECT_EQ(Numbers(Attempts(s, "four")), (std::vector<int>{1}));
  EXPECT_EQ(Numbers(Attempts(s, "three")), (std::vector<int>{1, 2}));
}

TEST(RetryTest, TheRetriesFlagIsKeptWhenNinjaRegenerates) {
  TestSpace s;
  s.Write("project.yml", "commands:\n" + Flaky("flaky", "0", "test $WFGEN_ATTEMPT -ge 2"));
  ASSERT_EQ(s.Wfgen({"--retries", "1"}).exit, 0);
  // Editing project.yml makes ninja regenerate build.ninja first.
  s.Replace("project.yml", "echo x", "echo y");
  RunResult r = s.Ninja({"flaky"});
  EXPECT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(Numbers(Attempts(s, "flaky")), (std::vector<int>{1, 2}));
  EXPECT_NE(s.Read("build.ninja").find("--retries=1"), std::string::npos);
}

TEST(RetryTest, CtrlCDuringTheDelayStopsAtOnce) {
  TestSpace s;
  s.Write("project.yml", "commands:\n" + Flaky("flaky", "{max: 2, delay: 600}", "exit 1"));
  ASSERT_EQ(s.Wfgen().exit, 0);
  TestSpace::Background ninja = s.Start({NinjaBin(), "flaky"});
  ASSERT_TRUE(WaitFor(
      [&] {
        return s.Exists(".wfgen/logs/flaky.log") &&
               s.Read(".wfgen/logs/flaky.log").find("retrying in 10 min") != std::string::npos;
      },
      30));
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  kill(-ninja.pid, SIGINT);  // Ctrl-C: the lone step has the terminal
  RunResult r = TestSpace::Wait(&ninja);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  EXPECT_NE(r.exit, 0);
  EXPECT_LT(t1.tv_sec - t0.tv_sec, 60) << "waited out the 10 min delay";
  EXPECT_EQ(CountProcesses(s.dir()), 0) << r.output;
  EXPECT_EQ(Numbers(Attempts(s, "flaky")), (std::vector<int>{1}));
  EXPECT_NE(s.Read(".wfgen/logs/flaky.log").find("stopped by SIGINT while waiting to retry"),
            std::string::npos);
}

TEST(RetryGroupTest, ARetryingMemberDoesNotStopASlowerSibling) {
  TestSpace s;
  // `slow` is still running when `flaky` fails its first attempt: it
  // finishes only once flaky's second attempt has started.
  s.Write("project.yml",
          "commands:\n" + Flaky("flaky", "2", "test $WFGEN_ATTEMPT -ge 2") +
              Flaky("slow", "0", "while ! grep -q \"flaky 2\" attempts.log; do sleep 0.05; done") +
              "workflows:\n  all:\n    - parallel: [flaky, slow]\n");
  ASSERT_EQ(s.Wfgen().exit, 0);
  RunResult r = s.Ninja({"all"});
  EXPECT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(r.output.find("terminated"), std::string::npos) << r.output;
  EXPECT_EQ(Numbers(Attempts(s, "slow")), (std::vector<int>{1}));
  EXPECT_TRUE(s.Exists(".wfgen/state/slow.rec"));
  EXPECT_TRUE(s.Exists(".wfgen/state/flaky.rec"));
}

TEST(RetryGroupTest, ASiblingsDefinitiveFailureStopsAMemberInItsDelay) {
  TestSpace s;
  // `bad` fails for good once `flaky` waits out its (long) delay.
  s.Write("project.yml",
          "kill_grace: 1\ncommands:\n" + Flaky("flaky", "{max: 2, delay: 600}", "exit 1") +
              Flaky("bad", "0",
                    "while ! grep -q \"retrying in\" .wfgen/logs/flaky.log 2>/dev/null; do "
                    "sleep 0.05; done; exit 5") +
              "workflows:\n  all:\n    - parallel: [flaky, bad]\n");
  ASSERT_EQ(s.Wfgen().exit, 0);
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  RunResult r = s.Ninja({"all"});
  clock_gettime(CLOCK_MONOTONIC, &t1);
  EXPECT_NE(r.exit, 0);
  EXPECT_LT(t1.tv_sec - t0.tv_sec, 60) << r.output;
  EXPECT_EQ(Numbers(Attempts(s, "flaky")), (std::vector<int>{1}));
  EXPECT_NE(r.output.find("'flaky' terminated because 'bad' failed"), std::string::npos)
      << r.output;
  EXPECT_NE(s.Read(".wfgen/logs/flaky.log").find("stopped by SIGTERM while waiting to retry"),
            std::string::npos);
  EXPECT_EQ(CountProcesses(s.dir()), 0);
}

}  // namespace
}  // namespace test
}  // namespace wfgen
