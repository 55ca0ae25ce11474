// End-to-end: two runs of one project at once (runtime/state/run_lock.h). The
// second waits for the first (or, with WFGEN_LOCK=fail, refuses), so no
// step runs twice at once or beside a run that changes its inputs, and
// every record stays true.
#include <signal.h>

#include <algorithm>
#include <sstream>

#include <gtest/gtest.h>

#include "runtime/state/record.h"
#include "tests/test_space.h"

namespace wfgen {
namespace test {
namespace {

using Runs = std::vector<std::string>;

// a -> b -> c, each taking `sleep` seconds and stamping its start and end;
// `a_extra` goes on a's line.
std::string Chain(double sleep, const std::string& a_extra = "") {
  char buf[1024];
  snprintf(buf, sizeof buf, R"(commands:
  - name: a
    script: ["steptool a --in in.txt --out a.txt --sleep %g --stamp times.log%s"]
    deps: [in.txt]
    outputs: [a.txt]
  - name: b
    script: ["steptool b --in a.txt --out b.txt --sleep %g --stamp times.log"]
    deps: [a.txt]
    outputs: [b.txt]
  - name: c
    script: ["steptool c --in b.txt --out c.txt --sleep %g --stamp times.log"]
    deps: [b.txt]
    outputs: [c.txt]
workflows:
  all: [a, b, c]
)",
           sleep, a_extra.c_str(), sleep, sleep);
  return buf;
}

// A chain whose `a` holds the first run until the test creates `go`, so
// the second run is started (and seen waiting) while the first owns the
// project, however slow the machine.
std::string HeldChain() { return Chain(0, " --wait-for go"); }

struct Span {
  std::string name;
  long long start = -1, end = -1;
};

std::vector<Span> Spans(const TestSpace& s) {
  std::vector<Span> spans;
  std::istringstream in(s.Read("times.log"));
  std::string name, what;
  long long ms;
  while (in >> name >> what >> ms) {
    std::string rest;
    std::getline(in, rest);
    if (what == "start") spans.push_back(Span{name, ms, -1});
    if (what == "end") {
      for (auto it = spans.rbegin(); it != spans.rend(); ++it) {
        if (it->name == name && it->end < 0) {
          it->end = ms;
          break;
        }
      }
    }
  }
  return spans;
}

// No two step processes of the project ran at the same time.
void ExpectNoOverlap(const TestSpace& s) {
  std::vector<Span> spans = Spans(s);
  for (size_t i = 0; i < spans.size(); ++i) {
    for (size_t j = i + 1; j < spans.size(); ++j) {
      bool overlap = spans[i].start < spans[j].end && spans[j].start < spans[i].end;
      EXPECT_FALSE(overlap) << spans[i].name << " and " << spans[j].name << "\n"
                            << s.Read("times.log");
    }
  }
}

// How many of the project's wrappers have the lock file `lock` (below
// .wfgen/locks) open and are asleep. A wrapper keeps `owner` open only
// while it claims the project, and sleeps then only between looks at a
// run that owns it; a wrapper waiting for a command's lock sleeps between
// tries, and so does the one holding it while its step runs. Waiting for
// this, rather than for a while, lets the first run go on only once the
// second is known to wait for it.
int AsleepWithLock(const TestSpace& s, const std::string& lock) {
  int n = 0;
  for (const ProcessInfo& p : ListProcesses(s.dir())) {
    if (p.name == "wfgen-run" && p.state == 'S' && HasOpen(p.pid, s.Path(".wfgen/locks/" + lock))) {
      ++n;
    }
  }
  return n;
}

void ExpectRecordsValid(const TestSpace& s, const std::vector<std::string>& names) {
  for (const std::string& n : names) {
    Record r;
    std::string err;
    EXPECT_TRUE(ParseRecord(s.Read(".wfgen/state/" + n + ".rec"), &r, &err)) << n << ": " << err;
  }
}

TEST(ConcurrencyTest, ASecondNinjaWaitsForTheFirstAndThenSkips) {
  TestSpace s;
  s.Write("in.txt", "x\n");
  s.Write("project.yml", HeldChain());
  ASSERT_EQ(s.Wfgen().exit, 0);
  TestSpace::Background first = s.Start({NinjaBin(), "all"});
  ASSERT_TRUE(
      WaitFor([&] { return s.Read("times.log").find("a start") != std::string::npos; }, 30));
  TestSpace::Background second = s.Start({NinjaBin(), "all"});
  EXPECT_TRUE(WaitFor([&] { return AsleepWithLock(s, "owner") == 1; }, 30));
  s.Write("go", "");
  RunResult r1 = TestSpace::Wait(&first);
  RunResult r2 = TestSpace::Wait(&second);
  EXPECT_EQ(r1.exit, 0) << r1.output;
  EXPECT_EQ(r2.exit, 0) << r2.output;
  // Each step ran exactly once, never two at a time.
  Runs runs = s.TakeRuns();
  EXPECT_EQ(runs, (Runs{"a", "b", "c"})) << r1.output << "\n----\n" << r2.output;
  ExpectNoOverlap(s);
  EXPECT_NE(r2.output.find("for another run of this project (pid "), std::string::npos)
      << r2.output;
  ExpectRecordsValid(s, {"a", "b", "c"});
  RunResult again = s.Ninja({"all"});
  EXPECT_NE(again.output.find("ninja: no work to do."), std::string::npos) << again.output;
}

TEST(ConcurrencyTest, WithLockFailTheSecondRefusesAndNamesTheFirst) {
  TestSpace s;
  s.Write("in.txt", "x\n");
  s.Write("project.yml", HeldChain());
  ASSERT_EQ(s.Wfgen().exit, 0);
  TestSpace::Background first = s.Start({NinjaBin(), "all"});
  ASSERT_TRUE(
      WaitFor([&] { return s.Read("times.log").find("a start") != std::string::npos; }, 30));
  RunResult r2 = s.Ninja({"all"}, {"WFGEN_LOCK=fail"});
  s.Write("go", "");
  RunResult r1 = TestSpace::Wait(&first);
  EXPECT_EQ(r1.exit, 0) << r1.output;
  EXPECT_NE(r2.exit, 0) << r2.output;
  EXPECT_NE(r2.output.find("another run of this project is in progress (pid "), std::string::npos)
      << r2.output;
  EXPECT_NE(r2.output.find(NinjaBin() + " all"), std::string::npos) << r2.output;
  EXPECT_EQ(s.TakeRuns(), (Runs{"a", "b", "c"}));
  ExpectRecordsValid(s, {"a", "b", "c"});
}

TEST(ConcurrencyTest, ASecondWfgenRunWaitsAndSaysSoOrRefusesWithLockFail) {
  TestSpace s;
  s.Write("in.txt", "x\n");
  s.Write("project.yml", HeldChain());
  TestSpace::Background first = s.Start({WfgenBin(), "run", "all"});
  ASSERT_TRUE(
      WaitFor([&] { return s.Read("times.log").find("a start") != std::string::npos; }, 30));
  // With WFGEN_LOCK=fail: refused at once, naming the run that owns it.
  RunResult refused = s.Wfgen({"run", "all"}, {"WFGEN_LOCK=fail"});
  EXPECT_EQ(refused.exit, 1) << refused.output;
  EXPECT_NE(refused.output.find("another run of this project is in progress (pid "),
            std::string::npos)
      << refused.output;
  // Otherwise it waits, says so, and finds everything done.
  TestSpace::Background second = s.Start({WfgenBin(), "run", "all"});
  std::string said;
  EXPECT_TRUE(ReadUntil(&second, "another run of this project is going on (pid ", &said, 30))
      << said;
  s.Write("go", "");
  RunResult r1 = TestSpace::Wait(&first);
  RunResult r2 = TestSpace::Wait(&second);
  r2.output = said + r2.output;
  EXPECT_EQ(r1.exit, 0) << r1.output;
  EXPECT_EQ(r2.exit, 0) << r2.output;
  EXPECT_NE(r2.output.find("another run of this project is going on (pid "), std::string::npos)
      << r2.output;
  EXPECT_NE(r2.output.find("3 up to date"), std::string::npos) << r2.output;
  EXPECT_EQ(s.TakeRuns(), (Runs{"a", "b", "c"}));
  ExpectNoOverlap(s);
}

// Starts `ninja all` on Chain(30) with `kill_grace`, where `a` leaves a
// grandchild that ignores SIGTERM, and returns once the grandchild runs.
void StartWithStubbornGrandchild(TestSpace* s, const std::string& kill_grace,
                                 TestSpace::Background* run) {
  s->Write("in.txt", "x\n");
  std::string slow = Chain(30);
  slow.replace(slow.find("--stamp times.log"), 17, "--stamp times.log --spawn-sleeper");
  s->Write("project.yml", "kill_grace: " + kill_grace + "\n" + slow);
  ASSERT_EQ(s->Wfgen().exit, 0);
  // Its output to a file: a step of the console pool writes to ninja's
  // stdout itself, and would keep a pipe open after ninja is killed.
  *run = s->Start({"/bin/sh", "-c", "exec \"$0\" all > first.log 2>&1", NinjaBin()});
  ASSERT_TRUE(
      WaitFor([&] { return s->Read("times.log").find("a sleeper") != std::string::npos; }, 30));
}

TEST(ConcurrencyTest, AKilledRunDoesNotBlockTheNextOnceItsStepsAreGone) {
  TestSpace s;
  // Stopping `a`'s grandchild would take the whole grace period: the test
  // ends it itself once the next run is seen waiting for it.
  TestSpace::Background first;
  ASSERT_NO_FATAL_FAILURE(StartWithStubbornGrandchild(&s, "60", &first));
  std::string sleeper = s.Read("times.log");
  sleeper = sleeper.substr(sleeper.find("a sleeper ") + 10);
  sleeper = sleeper.substr(0, sleeper.find('\n'));
  kill(first.pid, SIGKILL);
  TestSpace::Wait(&first);
  // The owner is dead: the next run takes over (even with
  // WFGEN_LOCK=fail), but only once the killed run's wrapper has stopped
  // its step, grandchild included: the new `a` looks for that grandchild
  // before it starts.
  std::string next = Chain(0);
  next.replace(
      next.find("[\"steptool a "), 1,
      "[\"sh -c 'kill -0 " + sleeper + " 2>/dev/null && touch old-sleeper-alive; true'\", ");
  s.Write("project.yml", next);
  TestSpace::Background second = s.Start({NinjaBin(), "all"}, {"WFGEN_LOCK=fail"});
  EXPECT_TRUE(WaitFor([&] { return AsleepWithLock(s, "owner") == 1; }, 30));
  kill(std::stoi(sleeper), SIGKILL);
  RunResult r = TestSpace::Wait(&second);
  EXPECT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(s.TakeRuns(), (Runs{"a", "a", "b", "c"}));
  EXPECT_EQ(Spans(s).size(), 4u) << s.Read("times.log");
  EXPECT_FALSE(s.Exists("old-sleeper-alive")) << "started before the old step was stopped\n"
                                              << s.Read("times.log");
  EXPECT_NE(r.output.find("still stopping"), std::string::npos) << r.output;
  EXPECT_EQ(CountProcesses(s.dir()), 0);
}

TEST(ConcurrencyTest, AWrapperKilledWithSigkillLeavesNoGrandchild) {
  // Only the guardian can do this: the line child dies with the wrapper
  // (PDEATHSIG), but the grandchild ignores SIGTERM and is nobody's child.
  TestSpace s;
  TestSpace::Background run;
  ASSERT_NO_FATAL_FAILURE(StartWithStubbornGrandchild(&s, "0.5", &run));
  int wrapper = 0, guards = 0;
  for (const ProcessInfo& p : ListProcesses(s.dir())) {
    if (p.name == "wfgen-run") wrapper = p.pid;
    if (p.name == "wfgen-guard") ++guards;
  }
  ASSERT_GT(wrapper, 0);
  EXPECT_EQ(guards, 1);
  ASSERT_EQ(kill(wrapper, SIGKILL), 0);
  TestSpace::Wait(&run);
  // SIGTERM, the 0.5 s grace, SIGKILL.
  EXPECT_TRUE(WaitFor([&] { return CountProcesses(s.dir()) == 0; }, 10));
  for (const ProcessInfo& p : ListProcesses(s.dir())) ADD_FAILURE() << "left: " << p.name;
  EXPECT_EQ(s.TakeRuns(), Runs{"a"});
}

TEST(ConcurrencyTest, OneCommandIsNeverRunTwiceAtOnceByOneNinja) {
  // `ninja all a` starts the workflow's `a` and the standalone `a`
  // together; the second waits for the first and then skips. The first
  // goes on only once both wrappers are at a's lock.
  TestSpace s;
  s.Write("in.txt", "x\n");
  s.Write("project.yml", R"(commands:
  - name: a
    script: ["steptool a --in in.txt --out a.txt --wait-for go --stamp times.log"]
    deps: [in.txt]
    outputs: [a.txt]
workflows:
  all: [a]
)");
  // Dataflow: the workflow's `a` is not in the console pool, which would
  // run the two one after the other.
  ASSERT_EQ(s.Wfgen({"--schedule", "dataflow"}).exit, 0);
  TestSpace::Background ninja = s.Start({NinjaBin(), "-j", "4", "all", "a"});
  EXPECT_TRUE(WaitFor([&] { return AsleepWithLock(s, "a.lock") == 2; }, 30));
  s.Write("go", "");
  RunResult r = TestSpace::Wait(&ninja);
  EXPECT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(s.TakeRuns(), Runs{"a"}) << r.output;
  EXPECT_NE(r.output.find("waited"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("Skipping 'a': nothing changed"), std::string::npos) << r.output;
}

TEST(ConcurrencyTest, ARunStartedFromInsideTheOwnerProceeds) {
  // A step that runs ninja for another target of the same project: the
  // inner run's owner is a descendant of the outer one, so it does not
  // wait for it (which would never end).
  TestSpace s;
  s.Write("in.txt", "x\n");
  s.Write("project.yml", R"(commands:
  - name: inner
    script: ["steptool inner --in in.txt --out inner.txt"]
    deps: [in.txt]
    outputs: [inner.txt]
  - name: outer
    script: [")" + NinjaBin() +
                             R"( inner"]
workflows:
  all: [outer]
)");
  ASSERT_EQ(s.Wfgen().exit, 0);
  RunResult r = s.Ninja({"all"}, {"WFGEN_LOCK=fail"});
  EXPECT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(s.TakeRuns(), Runs{"inner"}) << r.output;
}

}  // namespace
}  // namespace test
}  // namespace wfgen
