// End-to-end: parallel groups under real ninja. Concurrency is read from
// the order of the start/end lines the steps append, never from
// wall-clock budgets; where a test needs two steps running at once, one
// waits for the other's mark or output (steptool --mark, --wait-for)
// instead of sleeping and hoping.
#include <signal.h>

#include <algorithm>
#include <map>
#include <sstream>

#include <gtest/gtest.h>

#include "tests/test_space.h"

namespace wfgen {
namespace test {
namespace {

using Runs = std::vector<std::string>;

struct Event {
  std::string name;
  std::string what;  // start, end, sleeper
  long long ms = 0;
  std::string slot;
};

std::vector<Event> Events(const TestSpace& s) {
  std::vector<Event> out;
  std::istringstream in(s.Read("times.log"));
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream l(line);
    Event e;
    l >> e.name >> e.what >> e.ms;
    std::string extra;
    if (l >> extra && extra.compare(0, 5, "slot=") == 0) e.slot = extra.substr(5);
    out.push_back(e);
  }
  return out;
}

long long At(const std::vector<Event>& events, const std::string& name, const std::string& what) {
  for (const Event& e : events) {
    if (e.name == name && e.what == what) return e.ms;
  }
  return -1;
}

// Where the line is in times.log, or -1.
int Index(const std::vector<Event>& events, const std::string& name, const std::string& what) {
  for (size_t i = 0; i < events.size(); ++i) {
    if (events[i].name == name && events[i].what == what) return static_cast<int>(i);
  }
  return -1;
}

std::string Step(const std::string& name, double sleep, const std::string& extra = "") {
  char buf[512];
  snprintf(buf, sizeof buf,
           "  - name: %s\n    script: [\"steptool %s --sleep %g --stamp times.log --out "
           "out/%s.txt%s\"]\n"
           "    outputs: [out/%s.txt]\n",
           name.c_str(), name.c_str(), sleep, name.c_str(), extra.c_str(), name.c_str());
  return buf;
}

class ParallelTest : public ::testing::Test {
 protected:
  void Generate(const std::string& yml, const std::vector<std::string>& args = {}) {
    s.Write("project.yml", yml);
    RunResult g = s.Wfgen(args);
    ASSERT_EQ(g.exit, 0) << g.output;
  }
  TestSpace s;
};

TEST_F(ParallelTest, AtMostMaxRunAtOnceAndAFinishedOneIsReplacedAtOnce) {
  // `slow` ends only once the quick ones are done: in batches of two, the
  // second quick one would never start beside it (and `slow` would give up
  // waiting after a minute).
  Generate("max_parallel_processes: 2\ncommands:\n" +
           Step("slow", 0, " --wait-for out/q1.txt --wait-for out/q2.txt --wait-for out/q3.txt") +
           Step("q1", 0) + Step("q2", 0) + Step("q3", 0) + Step("after", 0) +
           "workflows:\n  all:\n    - parallel: [slow, q1, q2, q3]\n    - after\n");
  RunResult r = s.Ninja({"all", "-j", "8"});
  ASSERT_EQ(r.exit, 0) << r.output;
  std::vector<Event> ev = Events(s);
  EXPECT_EQ(MaxConcurrency(s.Read("times.log")), 2) << s.Read("times.log");
  // Not batches: with `slow` still running, the quick ones follow each other.
  int slow_end = Index(ev, "slow", "end");
  int quick_started_before_slow_ended = 0;
  for (const char* q : {"q1", "q2", "q3"}) {
    if (Index(ev, q, "start") < slow_end) ++quick_started_before_slow_ended;
  }
  EXPECT_GE(quick_started_before_slow_ended, 2) << s.Read("times.log");
  // The step after the group starts only when every member is done.
  int last_member_end = 0;
  for (const char* m : {"slow", "q1", "q2", "q3"})
    last_member_end = std::max(last_member_end, Index(ev, m, "end"));
  EXPECT_GT(Index(ev, "after", "start"), last_member_end);
}

TEST_F(ParallelTest, LogsAreReplayedInDeclarationOrderAndMembersSkipOneByOne) {
  // They end in the order second, third, first: each waits for the
  // output of the one before.
  Generate("max_parallel_processes: 3\ncommands:\n" +
           Step("first", 0, " --print FIRST-OUTPUT --wait-for out/third.txt") +
           Step("second", 0.0, " --print SECOND-OUTPUT") +
           Step("third", 0, " --print THIRD-OUTPUT --wait-for out/second.txt") +
           "workflows:\n  all:\n    - parallel: [first, second, third]\n");
  RunResult r = s.Ninja({"all"});
  ASSERT_EQ(r.exit, 0) << r.output;
  size_t a = r.output.find("FIRST-OUTPUT"), b = r.output.find("SECOND-OUTPUT"),
         c = r.output.find("THIRD-OUTPUT");
  ASSERT_NE(a, std::string::npos) << r.output;
  EXPECT_LT(a, b) << r.output;  // `second` finished first but is replayed second
  EXPECT_LT(b, c) << r.output;
  EXPECT_NE(r.output.find("(log: .wfgen/logs/first.log)"), std::string::npos) << r.output;
  EXPECT_EQ(s.Read(".wfgen/logs/second.log").find("SECOND-OUTPUT") != std::string::npos, true);
  s.TakeRuns();
  s.Remove("out/second.txt");
  r = s.Ninja({"all"});
  EXPECT_EQ(s.TakeRuns(), Runs{"second"});
  r = s.Ninja({"all"});
  EXPECT_NE(r.output.find("ninja: no work to do."), std::string::npos) << r.output;
}

TEST_F(ParallelTest, AFailureTerminatesTheRunningSiblingsAndStartsNothingElse) {
  // `bad` fails once `long` and its grandchild run.
  Generate("max_parallel_processes: 2\nkill_grace: 0.5\ncommands:\n" +
           Step("long", 30, " --spawn-sleeper --mark long.on") +
           Step("bad", 0, " --wait-for long.on --fail --exit 4") + Step("never", 0) +
           Step("next", 0) +
           "workflows:\n  all:\n    - parallel: [long, bad, never]\n    - next\n");
  RunResult r = s.Ninja({"all"});
  EXPECT_NE(r.exit, 0);
  std::vector<Event> ev = Events(s);
  EXPECT_EQ(At(ev, "long", "end"), -1) << "long was not terminated\n" << r.output;
  EXPECT_EQ(At(ev, "never", "start"), -1) << r.output;
  EXPECT_EQ(At(ev, "next", "start"), -1) << r.output;
  EXPECT_NE(r.output.find("'long' terminated because 'bad' failed"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("line 1 of 'bad' failed with exit code 4"), std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("---- log of 'bad'"), std::string::npos) << r.output;
  // The grandchild that ignores SIGTERM was killed after the grace period.
  EXPECT_TRUE(WaitFor([&] { return CountProcesses(s.dir()) == 0; }, 5))
      << CountProcesses(s.dir()) << " processes left";
}

TEST_F(ParallelTest, TheNextRunRerunsExactlyWhatFailedOrWasTerminated) {
  auto project = [&](const std::string& bad_flags) {
    return "max_parallel_processes: 3\nkill_grace: 0.5\ncommands:\n" + Step("quick", 0) +
           Step("long", 30, " --mark long.on") + Step("bad", 0, bad_flags) +
           "workflows:\n  all:\n    - parallel: [quick, long, bad]\n";
  };
  // `bad` fails once `long` runs and `quick` is recorded.
  Generate(project(" --wait-for long.on --wait-for .wfgen/state/quick.rec --fail"));
  RunResult r = s.Ninja({"all"});
  EXPECT_NE(r.exit, 0);
  Runs first = s.TakeRuns();
  std::sort(first.begin(), first.end());
  EXPECT_EQ(first, (Runs{"bad", "long", "quick"}));
  // Fix `bad` and make `long` quick: quick succeeded and is skipped; the
  // failed and the terminated member run again.
  s.Settle();
  s.Write("project.yml", "max_parallel_processes: 3\ncommands:\n" + Step("quick", 0) +
                             Step("long", 0) + Step("bad", 0) +
                             "workflows:\n  all:\n    - parallel: [quick, long, bad]\n");
  s.Settle();
  r = s.Ninja({"all"});
  EXPECT_EQ(r.exit, 0) << r.output;
  Runs second = s.TakeRuns();
  std::sort(second.begin(), second.end());
  EXPECT_EQ(second, (Runs{"bad", "long"})) << r.output;
  EXPECT_NE(r.output.find("Skipping 'quick': nothing changed"), std::string::npos) << r.output;
}

TEST_F(ParallelTest, KeepGoingLetsTheSiblingsFinish) {
  // `long` ends only after `bad`'s wrapper has noted its failure.
  Generate("max_parallel_processes: 2\ncommands:\n" +
           Step("long", 0, " --wait-for .wfgen/state/bad.failed") + Step("bad", 0, " --fail") +
           "workflows:\n  all:\n    - parallel: [long, bad]\n");
  RunResult r = s.Ninja({"-k", "0", "all"});
  EXPECT_NE(r.exit, 0);
  EXPECT_NE(At(Events(s), "long", "end"), -1) << r.output;
  EXPECT_EQ(r.output.find("terminated"), std::string::npos) << r.output;
}

void InterruptLeavesNothing(int sig) {
  TestSpace s;
  s.Write("project.yml", "max_parallel_processes: 2\nkill_grace: 0.5\ncommands:\n" +
                             Step("a", 30, " --spawn-sleeper") + Step("b", 30, " --spawn-sleeper") +
                             "workflows:\n  all:\n    - parallel: [a, b]\n");
  ASSERT_EQ(s.Wfgen().exit, 0);
  TestSpace::Background ninja = s.Start({NinjaBin(), "all"});
  // Both members and their grandchildren are running.
  ASSERT_TRUE(WaitFor(
      [&] {
        std::string t = s.Read("times.log");
        return t.find("a sleeper") != std::string::npos && t.find("b sleeper") != std::string::npos;
      },
      20));
  kill(ninja.pid, sig);
  RunResult r = TestSpace::Wait(&ninja);
  EXPECT_NE(r.exit, 0);
  EXPECT_EQ(CountProcesses(s.dir()), 0) << r.output;
  EXPECT_EQ(At(Events(s), "a", "end"), -1);
  // Nothing interrupted was recorded as up to date.
  s.TakeRuns();
  s.Write("project.yml", "max_parallel_processes: 2\ncommands:\n" + Step("a", 0) + Step("b", 0) +
                             "workflows:\n  all:\n    - parallel: [a, b]\n");
  s.Settle();
  r = s.Ninja({"all"});
  Runs again = s.TakeRuns();
  std::sort(again.begin(), again.end());
  EXPECT_EQ(again, (Runs{"a", "b"})) << r.output;
}

TEST(InterruptTest, CtrlCToNinjaLeavesNoProcessBehind) { InterruptLeavesNothing(SIGINT); }
TEST(InterruptTest, SigtermToNinjaLeavesNoProcessBehind) { InterruptLeavesNothing(SIGTERM); }

TEST(InterruptTest, SigkillOfNinjaLeavesNoProcessBehind) {
  TestSpace s;
  s.Write("project.yml", "kill_grace: 0.5\ncommands:\n" + Step("a", 30, " --spawn-sleeper") +
                             "workflows:\n  all: [a]\n");
  ASSERT_EQ(s.Wfgen().exit, 0);
  TestSpace::Background ninja = s.Start({NinjaBin(), "all"});
  ASSERT_TRUE(
      WaitFor([&] { return s.Read("times.log").find("a sleeper") != std::string::npos; }, 20));
  kill(ninja.pid, SIGKILL);
  TestSpace::Wait(&ninja);
  EXPECT_TRUE(WaitFor([&] { return CountProcesses(s.dir()) == 0; }, 5))
      << CountProcesses(s.dir()) << " processes left";
}

TEST(InterruptTest, SigkillOfTheWrapperLeavesNoProcessBehind) {
  TestSpace s;
  s.Write("project.yml", "kill_grace: 0.5\ncommands:\n" + Step("a", 30, " --spawn-sleeper") +
                             "workflows:\n  all: [a]\n");
  ASSERT_EQ(s.Wfgen().exit, 0);
  TestSpace::Background ninja = s.Start({NinjaBin(), "all"});
  ASSERT_TRUE(
      WaitFor([&] { return s.Read("times.log").find("a sleeper") != std::string::npos; }, 20));
  // The wrapper is ninja's child (sh execs it).
  std::string cmd = "pkill -KILL -P " + std::to_string(ninja.pid) + " -x wfgen-run";
  ASSERT_EQ(system(cmd.c_str()), 0);
  RunResult r = TestSpace::Wait(&ninja);
  EXPECT_NE(r.exit, 0);
  EXPECT_TRUE(WaitFor([&] { return CountProcesses(s.dir()) == 0; }, 5))
      << CountProcesses(s.dir()) << " processes left";
}

TEST_F(ParallelTest, NamedPoolsLimitAndNumberTheirSlots) {
  // g1 and g2 wait for each other, so two of the pool run at once
  // whichever Ninja starts first.
  Generate(R"(max_parallel_processes: 4
pools: {gpu: 2}
commands:
)" + Step("g1", 0, " --mark g1.on --wait-for g2.on") +
           "    pool: gpu\n" + Step("g2", 0, " --mark g2.on --wait-for g1.on") + "    pool: gpu\n" +
           Step("g3", 0) + "    pool: gpu\n" + Step("cpu", 0) +
           "workflows:\n  all:\n    - parallel: [g1, g2, g3, cpu]\n");
  RunResult r = s.Ninja({"all"});
  ASSERT_EQ(r.exit, 0) << r.output;
  std::vector<Event> ev = Events(s);
  std::vector<Event> gpu;
  for (const Event& e : ev) {
    if (e.name[0] == 'g') gpu.push_back(e);
  }
  EXPECT_EQ(MaxConcurrency(s.Read("times.log"), "g"), 2) << s.Read("times.log");
  // Slots are 0 or 1 and never shared by two running steps (spans by
  // line, in the order the lines were appended).
  std::map<std::string, std::pair<size_t, size_t>> spans;
  std::map<std::string, std::string> slot;
  for (size_t i = 0; i < gpu.size(); ++i) {
    const Event& e = gpu[i];
    if (e.what == "start") {
      spans[e.name].first = i;
      slot[e.name] = e.slot;
      EXPECT_TRUE(e.slot == "0" || e.slot == "1") << e.name << " slot=" << e.slot;
    }
    if (e.what == "end") spans[e.name].second = i;
  }
  for (auto& [a, sa] : spans) {
    for (auto& [b, sb] : spans) {
      bool overlap = a < b && sa.first < sb.second && sb.first < sa.second;
      if (overlap) {
        EXPECT_NE(slot[a], slot[b]) << a << " and " << b;
      }
    }
  }
  EXPECT_EQ(At(ev, "cpu", "start") >= 0, true);
}

TEST_F(ParallelTest, MaxParallelProcessesAlsoBoundsNamedPools) {
  Generate("max_parallel_processes: 1\npools: {gpu: 2}\ncommands:\n" + Step("g1", 0.2) +
           "    pool: gpu\n" + Step("g2", 0.2) + "    pool: gpu\n" + Step("cpu", 0.2) +
           "workflows:\n  all:\n    - parallel: [g1, g2, cpu]\n");
  RunResult r = s.Ninja({"all"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(MaxConcurrency(s.Read("times.log")), 1) << s.Read("times.log");
}

TEST_F(ParallelTest, DataflowDoesNotWaitForTheSlowestOfAStage) {
  auto project = [](const std::string& slow) {
    return "max_parallel_processes: 4\ncommands:\n" + slow + Step("a", 0) +
           "  - name: b\n    script: [\"steptool b --in out/a.txt --stamp times.log --out "
           "out/b.txt\"]\n    deps: [out/a.txt]\n    outputs: [out/b.txt]\n"
           "workflows:\n  all:\n    - parallel: [slow, a]\n    - b\n";
  };
  // Dataflow: `slow` ends only once b has run (staged, it would wait a
  // minute for it in vain).
  Generate(project(Step("slow", 0, " --wait-for out/b.txt")), {"--schedule", "dataflow"});
  RunResult r = s.Ninja({"all"});
  ASSERT_EQ(r.exit, 0) << r.output;
  std::vector<Event> ev = Events(s);
  EXPECT_LT(Index(ev, "b", "start"), Index(ev, "slow", "end")) << s.Read("times.log");
  // Staged (the default), b waits for the whole group, however slow.
  s.Remove(".wfgen");
  s.Remove("out");
  s.Remove("times.log");
  Generate(project(Step("slow", 0.8)));
  r = s.Ninja({"all"});
  ASSERT_EQ(r.exit, 0) << r.output;
  ev = Events(s);
  EXPECT_GT(Index(ev, "b", "start"), Index(ev, "slow", "end")) << s.Read("times.log");
}

TEST_F(ParallelTest, TheSeedDemoScaledDown) {
  // examples/seed-demo with every sleep divided by 10.
  Generate(ScaledSeedDemo());
  RunResult r = s.Ninja({"all"});
  EXPECT_NE(r.exit, 0);
  Runs runs = s.TakeRuns();
  // sleepB ran only in group 1: never in group 2's aftermath.
  EXPECT_EQ(std::count(runs.begin(), runs.end(), "sleepB"), 2) << r.output;  // two lines
  EXPECT_EQ(std::count(runs.begin(), runs.end(), "fail"), 1);
  // At most two at once. (That both slots are used is pinned down by
  // AtMostMaxRunAtOnce... above: here it would hang on sleep lengths.)
  EXPECT_LE(MaxConcurrency(s.Read("times.log")), 2) << s.Read("times.log");
  EXPECT_NE(r.output.find("because 'fail' failed"), std::string::npos) << r.output;
  EXPECT_EQ(CountProcesses(s.dir()), 0);
}

}  // namespace
}  // namespace test
}  // namespace wfgen
