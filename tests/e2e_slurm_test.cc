// End-to-end: steps as Slurm jobs, under real ninja, against a real
// single-node Slurm that tests/slurm/cluster.sh starts for these tests (a
// ctest fixture) and stops afterwards. Without it (not root, Slurm not
// installed) every test here skips and says why.
//
// Each test's project lives in its own temp directory, so its jobs are
// named "<that directory>.<command>": the tests look only at their own
// jobs. Nothing is timed: concurrency comes from the timestamps the steps
// write, and waits poll for a condition with generous limits.
#include <signal.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "tests/test_space.h"

namespace wfgen {
namespace test {
namespace {

using Runs = std::vector<std::string>;

// "SLURM_CONF=..." from the fixture, or "" with *why set.
std::string ClusterEnv(std::string* why) {
  std::ifstream skip(std::string(SLURM_TEST_HANDLE) + "/skip");
  std::string reason;
  if (skip && std::getline(skip, reason)) {
    *why = reason;
    return "";
  }
  std::ifstream env(std::string(SLURM_TEST_HANDLE) + "/env");
  std::string line;
  if (!env || !std::getline(env, line) || line.compare(0, 11, "SLURM_CONF=") != 0) {
    *why =
        "no Slurm cluster: run these tests through ctest, whose fixture starts one "
        "(tests/slurm/cluster.sh)";
    return "";
  }
  return line;
}

struct Event {
  std::string name, what;
  long long ms = 0;
};

std::vector<Event> Events(const TestSpace& s) {
  std::vector<Event> out;
  std::istringstream in(s.Read("times.log"));
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream l(line);
    Event e;
    l >> e.name >> e.what >> e.ms;
    out.push_back(e);
  }
  return out;
}

bool Has(const std::vector<Event>& events, const std::string& name, const std::string& what) {
  for (const Event& e : events) {
    if (e.name == name && e.what == what) return true;
  }
  return false;
}

std::string Base(const std::string& path) { return path.substr(path.rfind('/') + 1); }

class SlurmTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    conf_ = ClusterEnv(&why);
    if (conf_.empty()) GTEST_SKIP() << "Slurm tests skipped: " << why;
    env_ = {conf_};
  }

  void Generate(const std::string& yml, const std::vector<std::string>& args = {}) {
    s.Write("project.yml", yml);
    RunResult g = s.Wfgen(args, env_);
    ASSERT_EQ(g.exit, 0) << g.output;
  }

  RunResult Ninja(const std::vector<std::string>& args) { return s.Ninja(args, env_); }

  // This test's jobs in squeue ("ID NAME STATE" lines), by default the
  // active ones; with `all`, also those that ended a moment ago.
  std::vector<std::string> Jobs(bool all = false) const {
    std::vector<std::string> argv = {"squeue", "--noheader", "--format=%i %j %T"};
    if (all) argv.push_back("--states=all");
    RunResult r = s.Run(argv, env_);
    EXPECT_EQ(r.exit, 0) << r.output;
    std::vector<std::string> mine;
    std::istringstream in(r.output);
    std::string line;
    std::string prefix = " " + Base(s.dir()) + ".";
    while (std::getline(in, line)) {
      if (line.find(prefix) != std::string::npos) mine.push_back(line);
    }
    return mine;
  }

  static std::string Join(const std::vector<std::string>& v) {
    std::string out;
    for (auto& x : v) out += x + "\n";
    return out;
  }

  // The value the step printed for SLURM_JOB_ID (steptool --print-env).
  std::string JobIdIn(const std::string& command) const {
    std::string log = s.Read(".wfgen/logs/" + command + ".log");
    size_t at = log.find("SLURM_JOB_ID=");
    if (at == std::string::npos) return "";
    size_t end = log.find('\n', at);
    return log.substr(at + 13, end - at - 13);
  }

  TestSpace s;
  std::string conf_;
  std::vector<std::string> env_;
};

std::string Member(const std::string& name, double sleep, const std::string& extra = "") {
  char buf[600];
  snprintf(buf, sizeof buf,
           "  - name: %s\n"
           "    script: [\"steptool %s --sleep %g --stamp times.log --out out/%s.txt "
           "--print-env SLURM_JOB_ID%s\"]\n"
           "    outputs: [out/%s.txt]\n",
           name.c_str(), name.c_str(), sleep, name.c_str(), extra.c_str(), name.c_str());
  return buf;
}

TEST_F(SlurmTest, AParallelGroupRunsAsSlurmJobsAtMostMaxAtOnce) {
  // m1 and m2 wait for each other, so two jobs run at once whichever
  // Ninja and Slurm start first.
  Generate("launcher: slurm\nmax_parallel_processes: 2\ncommands:\n" +
           Member("m1", 0, " --mark m1.on --wait-for m2.on") +
           Member("m2", 0, " --mark m2.on --wait-for m1.on") + Member("m3", 0) + Member("m4", 0) +
           "workflows:\n  all:\n    - parallel: [m1, m2, m3, m4]\n");
  TestSpace::Background ninja = s.Start({NinjaBin(), "all"}, env_);
  // Watch the queue while the group runs: never more than two of its jobs
  // run. (A look every 100 ms may miss a job; it cannot see one too many.)
  size_t most_running = 0;
  bool done = false;
  std::thread watcher([&] {
    while (!done) {
      size_t running = 0;
      for (const std::string& j : Jobs()) running += j.find(" RUNNING") != std::string::npos;
      most_running = std::max(most_running, running);
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });
  RunResult r = TestSpace::Wait(&ninja);
  done = true;
  watcher.join();
  ASSERT_EQ(r.exit, 0) << r.output;
  // Its members were Slurm jobs named after the project and the command
  // (the controller still lists jobs that ended a moment ago).
  std::set<std::string> names;
  for (const std::string& j : Jobs(true)) {
    std::istringstream l(j);
    std::string id, name;
    l >> id >> name;
    names.insert(name);
  }
  std::string p = Base(s.dir());
  EXPECT_TRUE(names.count(p + ".m1") && names.count(p + ".m4")) << Join(Jobs(true)) << r.output;
  EXPECT_LE(most_running, 2u);
  EXPECT_EQ(MaxConcurrency(s.Read("times.log")), 2) << s.Read("times.log");
  // Each member ran inside its own job.
  std::set<std::string> ids;
  for (const char* m : {"m1", "m2", "m3", "m4"}) {
    std::string id = JobIdIn(m);
    EXPECT_FALSE(id.empty()) << s.Read(std::string(".wfgen/logs/") + m + ".log");
    EXPECT_EQ(id.find_first_not_of("0123456789"), std::string::npos) << id;
    ids.insert(id);
  }
  EXPECT_EQ(ids.size(), 4u);
  // Their output reached the console through the group's replay, as locally.
  EXPECT_NE(r.output.find("==== m1 ===="), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("[step] m3"), std::string::npos) << r.output;
  EXPECT_TRUE(Jobs().empty()) << Join(Jobs());
  // The next run has nothing to do.
  s.TakeRuns();
  r = Ninja({"all"});
  EXPECT_EQ(s.TakeRuns(), Runs{});
  EXPECT_NE(r.output.find("no work to do"), std::string::npos) << r.output;
}

TEST_F(SlurmTest, ResourcesBecomeSrunFlagsAndSlurmHoldsTheJobsToThem) {
  // Two members that each want 3 of the node's 4 CPUs: Ninja would run
  // both, Slurm runs one at a time. The one that runs first waits (a
  // minute at most) until the other is queued, has run, or runs too (on a
  // cluster of your own, which may fit both): the other was queued while
  // it ran, however slowly the machine started it.
  auto big = [](const std::string& name, const std::string& other, const std::string& resources) {
    return "  - name: " + name + "\n    shell: true\n    resources: " + resources +
           "\n    outputs: [out/" + name + ".txt]\n    script:\n      - 'touch " + name +
           ".running; for i in $(seq 600); do grep -qs \"queued and waiting\" .wfgen/logs/" +
           other + ".log && break; test -f out/" + other + ".txt -o -f " + other +
           ".running && break; sleep 0.1; done; steptool " + name +
           " --stamp times.log --out out/" + name +
           ".txt --print-env SLURM_JOB_ID --print-env SLURM_CPUS_PER_TASK'\n";
  };
  Generate("launcher: slurm\nmax_parallel_processes: 2\ncommands:\n" +
           big("big1", "big2", "{cpus: 3, mem: 100M, time: \"5\"}") +
           big("big2", "big1", "{cpus: 3, extra: [\"--comment=wfgen-keeps-its-own\"]}") +
           "workflows:\n  all:\n    - parallel: [big1, big2]\n");
  RunResult r = Ninja({"all"});
  ASSERT_EQ(r.exit, 0) << r.output;
  std::string log1 = s.Read(".wfgen/logs/big1.log");
  EXPECT_NE(log1.find("SLURM_CPUS_PER_TASK=3"), std::string::npos) << log1;
  // What the controller holds the job to.
  RunResult job = s.Run({"scontrol", "--oneliner", "show", "job", JobIdIn("big1")}, env_);
  EXPECT_NE(job.output.find("MinMemoryNode=100M"), std::string::npos) << job.output;
  EXPECT_NE(job.output.find("TimeLimit=00:05:00"), std::string::npos) << job.output;
  EXPECT_NE(job.output.find("JobName=" + Base(s.dir()) + ".big1"), std::string::npos) << job.output;
  EXPECT_NE(log1.find("(srun --cpus-per-task=3 --mem=100M --time=5)"), std::string::npos) << log1;
  // One node of 4 CPUs (tests/slurm/cluster.sh) fits one of them at a
  // time; a cluster of your own (WFGEN_TEST_SLURM_CONF) may fit more.
  if (conf_.find("/tmp/wfgen-slurm.") != std::string::npos) {
    EXPECT_EQ(MaxConcurrency(s.Read("times.log")), 1) << s.Read("times.log");
    std::string logs = s.Read(".wfgen/logs/big1.log") + s.Read(".wfgen/logs/big2.log");
    EXPECT_NE(logs.find("queued and waiting for resources"), std::string::npos) << logs;
  }
}

TEST_F(SlurmTest, AFailingMemberCancelsTheOthersAndTheNextRunSkipsWhatSucceeded) {
  // `stubborn` ignores SIGTERM, so only the escalation after kill_grace
  // (scancel --signal=KILL) ends it; `long` traps the SIGTERM and exits.
  Generate(R"(launcher: slurm
max_parallel_processes: 4
kill_grace: 1
commands:
  - name: quick
    script: ["steptool quick --out out/quick.txt"]
    outputs: [out/quick.txt]
  - name: long
    shell: true
    script: ["trap 'echo long got SIGTERM | tee -a signals.log; exit 5' TERM; steptool long --sleep 60 --stamp times.log --out out/long.txt & wait"]
    outputs: [out/long.txt]
  - name: stubborn
    shell: true
    script: ["trap '' TERM; steptool stubborn --sleep 60 --stamp times.log --out out/stubborn.txt"]
    outputs: [out/stubborn.txt]
  - name: bad
    shell: true
    script: ["until grep -q 'long start' times.log && grep -q 'stubborn start' times.log && test -f .wfgen/state/quick.rec; do sleep 0.1; done; echo bad gives up; exit 4"]
  - name: after
    script: ["steptool after"]
workflows:
  all:
    - parallel: [quick, long, stubborn, bad]
    - after
)");
  // -j 8: ninja runs nproc+1 jobs at once by default, 3 on a 2-CPU machine.
  RunResult r = Ninja({"-j", "8", "all"});
  EXPECT_NE(r.exit, 0);
  EXPECT_NE(r.output.find("line 1 of 'bad' failed with exit code 4"), std::string::npos)
      << r.output;
  EXPECT_EQ(r.output.find("stopped by Slurm"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("'long' terminated because 'bad' failed"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("'stubborn' terminated because 'bad' failed"), std::string::npos)
      << r.output;
  std::vector<Event> ev = Events(s);
  EXPECT_FALSE(Has(ev, "long", "end")) << s.Read("times.log");
  EXPECT_FALSE(Has(ev, "stubborn", "end")) << s.Read("times.log");
  // The stop reached the task as SIGTERM, so it could clean up: srun
  // itself, sent SIGTERM, would have SIGKILLed it.
  EXPECT_EQ(s.Read("signals.log"), "long got SIGTERM\n") << s.Read(".wfgen/logs/long.log");
  // Nothing of ours is left in the queue when ninja returns, and no task
  // process is left on the node (this host).
  EXPECT_TRUE(Jobs().empty()) << Join(Jobs());
  EXPECT_TRUE(WaitFor([&] { return CountProcesses(s.dir()) == 0; }, 30))
      << CountProcesses(s.dir()) << " processes left";
  Runs first = s.TakeRuns();
  std::sort(first.begin(), first.end());
  EXPECT_EQ(first, (Runs{"long", "quick", "stubborn"}));
  // Fix `bad`, make the long ones quick: what succeeded is skipped, the
  // failed and the cancelled members run again.
  s.Settle();
  std::string yml = s.Read("project.yml");
  for (auto [from, to] :
       {std::pair<std::string, std::string>{"--sleep 60", "--sleep 0"}, {"exit 4", "exit 0"}}) {
    for (size_t at; (at = yml.find(from)) != std::string::npos;) yml.replace(at, from.size(), to);
  }
  s.Write("project.yml", yml);
  s.Settle();
  r = Ninja({"all"});
  EXPECT_EQ(r.exit, 0) << r.output;
  Runs second = s.TakeRuns();
  std::sort(second.begin(), second.end());
  // `quick` succeeded and is not run again (Ninja does not even start it).
  EXPECT_EQ(second, (Runs{"after", "long", "stubborn"})) << r.output;
}

TEST_F(SlurmTest, CtrlCOnNinjaLeavesNoJobInTheQueue) {
  Generate("launcher: slurm\nmax_parallel_processes: 2\nkill_grace: 1\ncommands:\n" +
           Member("a", 60, " --spawn-sleeper") + Member("b", 60, " --spawn-sleeper") +
           "workflows:\n  all:\n    - parallel: [a, b]\n");
  TestSpace::Background ninja = s.Start({NinjaBin(), "all"}, env_);
  ASSERT_TRUE(WaitFor(
      [&] {
        std::string t = s.Read("times.log");
        return t.find("a sleeper") != std::string::npos && t.find("b sleeper") != std::string::npos;
      },
      60))
      << s.Read("times.log");
  EXPECT_EQ(Jobs().size(), 2u) << Join(Jobs());
  kill(ninja.pid, SIGINT);
  RunResult r = TestSpace::Wait(&ninja);
  EXPECT_NE(r.exit, 0);
  EXPECT_TRUE(Jobs().empty()) << Join(Jobs()) << r.output;
  EXPECT_TRUE(WaitFor([&] { return CountProcesses(s.dir()) == 0; }, 30))
      << CountProcesses(s.dir()) << " processes left";
  EXPECT_FALSE(Has(Events(s), "a", "end"));
  // Nothing interrupted was recorded as done.
  s.TakeRuns();
  s.Write("project.yml", "launcher: slurm\ncommands:\n" + Member("a", 0) + Member("b", 0) +
                             "workflows:\n  all:\n    - parallel: [a, b]\n");
  s.Settle();
  r = Ninja({"all"});
  EXPECT_EQ(r.exit, 0) << r.output;
  Runs again = s.TakeRuns();
  std::sort(again.begin(), again.end());
  EXPECT_EQ(again, (Runs{"a", "b"})) << r.output;
}

TEST_F(SlurmTest, CtrlCAlsoWithdrawsAJobStillWaitingForResources) {
  // Each wants all 4 CPUs of the node: one runs, the other waits in the
  // queue (on a cluster of your own, both may run; the test still holds).
  Generate("launcher: slurm\nmax_parallel_processes: 2\nkill_grace: 1\ncommands:\n" +
           Member("first", 60) + "    resources: {cpus: 4}\n" + Member("second", 60) +
           "    resources: {cpus: 4}\n" + "workflows:\n  all:\n    - parallel: [first, second]\n");
  TestSpace::Background ninja = s.Start({NinjaBin(), "all"}, env_);
  // Which of the two Ninja (and Slurm) start first is theirs to choose.
  auto started = [&](const char* name) { return Has(Events(s), name, "start"); };
  ASSERT_TRUE(
      WaitFor([&] { return Jobs().size() == 2 && (started("first") || started("second")); }, 60))
      << Join(Jobs());
  std::string queue = Join(Jobs());
  kill(ninja.pid, SIGINT);
  RunResult r = TestSpace::Wait(&ninja);
  EXPECT_NE(r.exit, 0);
  EXPECT_TRUE(Jobs().empty()) << Join(Jobs()) << r.output;
  if (conf_.find("/tmp/wfgen-slurm.") != std::string::npos) {
    EXPECT_NE(queue.find("PENDING"), std::string::npos) << queue;
    EXPECT_NE(started("first"), started("second")) << s.Read("times.log");
  }
}

TEST_F(SlurmTest, AWrapperKilledWithSigkillLeavesNoJob) {
  Generate("launcher: slurm\ncommands:\n" + Member("a", 600));
  TestSpace::Background ninja = s.Start({NinjaBin(), "a"}, env_);
  ASSERT_TRUE(WaitFor([&] { return Has(Events(s), "a", "start"); }, 60));
  // srun's parent-death signal is SIGTERM: it ends its job itself.
  std::string cmd = "pkill -KILL -P " + std::to_string(ninja.pid) + " -x wfgen-run";
  ASSERT_EQ(system(cmd.c_str()), 0);
  RunResult r = TestSpace::Wait(&ninja);
  EXPECT_NE(r.exit, 0);
  EXPECT_TRUE(WaitFor([&] { return Jobs().empty(); }, 60)) << Join(Jobs());
  EXPECT_TRUE(WaitFor([&] { return CountProcesses(s.dir()) == 0; }, 30))
      << CountProcesses(s.dir()) << " processes left";
}

TEST_F(SlurmTest, ATimeLimitIsReportedAsSlurmsDoingNotAsTheCommandsExit) {
  // Slurm's smallest time limit is a minute, and it checks limits every
  // 30 s or so: this test takes one to two minutes.
  Generate(R"(launcher: slurm
commands:
  - name: slow
    resources: {time: "1"}
    script: ["steptool slow --sleep 600 --stamp times.log"]
  - name: bad
    script: ["steptool bad --fail --exit 3"]
workflows:
  all:
    - parallel: [slow, bad]
)");
  // -k 0: `bad` failing does not stop `slow`, which meets its time limit.
  RunResult r = Ninja({"-k", "0", "all"});
  EXPECT_NE(r.exit, 0);
  EXPECT_NE(r.output.find("wfgen: line 1 of 'slow' was stopped by Slurm: TIME LIMIT (job "),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("wfgen: line 1 of 'bad' failed with exit code 3"), std::string::npos)
      << r.output;
  EXPECT_EQ(r.output.find("'bad' was stopped by Slurm"), std::string::npos) << r.output;
  EXPECT_FALSE(Has(Events(s), "slow", "end"));
  EXPECT_TRUE(Jobs().empty()) << Join(Jobs());
  // And a Slurm failure before any job existed is Slurm's too.
  Generate(
      "launcher: slurm\ncommands:\n  - name: nowhere\n    resources: {partition: "
      "no-such-partition}\n    script: [\"steptool nowhere\"]\n");
  r = Ninja({"nowhere"});
  EXPECT_NE(r.exit, 0);
  EXPECT_NE(
      r.output.find("wfgen: line 1 of 'nowhere' was not started by Slurm: srun exited with 1"),
      std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("invalid partition"), std::string::npos) << r.output;
}

TEST_F(SlurmTest, ANodeFailureIsReportedAsSlurmsDoing) {
  // Takes the node down under a running job: only on the private cluster.
  if (conf_.find("/tmp/wfgen-slurm.") == std::string::npos) {
    GTEST_SKIP() << "takes a node down: only on the cluster tests/slurm/cluster.sh starts";
  }
  Generate(
      "launcher: slurm\ncommands:\n  - name: a\n    script: [\"steptool a --sleep 600 "
      "--stamp times.log\"]\n");
  TestSpace::Background ninja = s.Start({NinjaBin(), "a"}, env_);
  ASSERT_TRUE(WaitFor([&] { return Has(Events(s), "a", "start"); }, 60));
  RunResult node =
      s.Run({"squeue", "--noheader", "--format=%N", "--name=" + Base(s.dir()) + ".a"}, env_);
  std::string name = node.output.substr(0, node.output.find('\n'));
  ASSERT_FALSE(name.empty()) << node.output;
  RunResult down = s.Run(
      {"scontrol", "update", "nodename=" + name, "state=down", "reason=wfgen-node-failure-test"},
      env_);
  ASSERT_EQ(down.exit, 0) << down.output;
  RunResult r = TestSpace::Wait(&ninja);
  // Bring the node back for the other tests (ReturnToService=2 may have).
  s.Run({"scontrol", "update", "nodename=" + name, "state=resume"}, env_);
  EXPECT_TRUE(WaitFor(
      [&] {
        RunResult st = s.Run({"sinfo", "--noheader", "--format=%T", "--nodes=" + name}, env_);
        return st.output.find("idle") == 0;
      },
      60));
  EXPECT_NE(r.exit, 0);
  EXPECT_NE(r.output.find("wfgen: line 1 of 'a' was stopped by Slurm: NODE FAILURE (job "),
            std::string::npos)
      << r.output;
  EXPECT_TRUE(Jobs().empty()) << Join(Jobs());
}

TEST_F(SlurmTest, ANodeFailureIsRetriedAsANewJobWithOnNodeFail) {
  if (conf_.find("/tmp/wfgen-slurm.") == std::string::npos) {
    GTEST_SKIP() << "takes a node down: only on the cluster tests/slurm/cluster.sh starts";
  }
  // Attempt 1 runs until the node is taken down under it; attempt 2 (a
  // new srun job, queued until the node is back) succeeds.
  Generate(
      "launcher: slurm\ncommands:\n  - name: a\n    shell: true\n"
      "    retries: {max: 1, delay: 1, on: [node_fail]}\n    outputs: [out/a.txt]\n"
      "    script:\n      - 'if [ \"$WFGEN_ATTEMPT\" = 1 ]; then steptool a --sleep 600 --stamp "
      "times.log; else steptool b --stamp times.log --out out/a.txt; fi'\n");
  TestSpace::Background ninja = s.Start({NinjaBin(), "a"}, env_);
  ASSERT_TRUE(WaitFor([&] { return Has(Events(s), "a", "start"); }, 60));
  RunResult node =
      s.Run({"squeue", "--noheader", "--format=%N", "--name=" + Base(s.dir()) + ".a"}, env_);
  std::string name = node.output.substr(0, node.output.find('\n'));
  ASSERT_FALSE(name.empty()) << node.output;
  RunResult down = s.Run(
      {"scontrol", "update", "nodename=" + name, "state=down", "reason=wfgen-retry-test"}, env_);
  ASSERT_EQ(down.exit, 0) << down.output;
  // The wrapper saw NODE_FAIL and will retry: bring the node back.
  bool retrying = WaitFor(
      [&] { return s.Read(".wfgen/logs/a.log").find("; retrying in 1 s") != std::string::npos; },
      120);
  s.Run({"scontrol", "update", "nodename=" + name, "state=resume"}, env_);
  EXPECT_TRUE(WaitFor(
      [&] {
        RunResult st = s.Run({"sinfo", "--noheader", "--format=%T", "--nodes=" + name}, env_);
        return st.output.find("idle") == 0 || st.output.find("alloc") == 0 ||
               st.output.find("mix") == 0;
      },
      60));
  RunResult r = TestSpace::Wait(&ninja);
  std::string log = s.Read(".wfgen/logs/a.log");
  EXPECT_TRUE(retrying) << log;
  EXPECT_EQ(r.exit, 0) << r.output;
  EXPECT_NE(log.find("stopped by Slurm: NODE FAILURE (job "), std::string::npos) << log;
  EXPECT_NE(log.find("(attempt 1 of 2); retrying in 1 s"), std::string::npos) << log;
  EXPECT_NE(log.find("wfgen: 'a' succeeded on attempt 2 of 2"), std::string::npos) << log;
  EXPECT_TRUE(Has(Events(s), "b", "end"));
  EXPECT_TRUE(s.Exists(".wfgen/state/a.rec"));
  EXPECT_TRUE(Jobs().empty()) << Join(Jobs());
}

TEST_F(SlurmTest, TheLauncherOptionIsKeptWhenNinjaRegeneratesAndACommandMayStayLocal) {
  std::string yml = R"(commands:
  - name: remote
    script: ["steptool remote --print-env SLURM_JOB_ID"]
  - name: here
    launcher: local
    script: ["steptool here --print-env SLURM_JOB_ID"]
workflows:
  all: [remote, here]
)";
  Generate(yml, {"--launcher", "slurm"});
  RunResult r = Ninja({"all"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_FALSE(JobIdIn("remote").empty()) << r.output;
  EXPECT_NE(s.Read(".wfgen/logs/here.log").find("SLURM_JOB_ID unset"), std::string::npos)
      << r.output;
  // A serial step's output reaches the console as locally.
  EXPECT_NE(r.output.find("[step] remote\nSLURM_JOB_ID="), std::string::npos) << r.output;
  // Edit project.yml: ninja regenerates, with --launcher slurm again.
  std::string first_id = JobIdIn("remote");
  s.Settle();
  s.Write("project.yml", "title: edited\n" + yml);
  s.Settle();
  r = Ninja({"all"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_NE(r.output.find("regenerating"), std::string::npos) << r.output;
  EXPECT_FALSE(JobIdIn("remote").empty()) << r.output;
  EXPECT_NE(JobIdIn("remote"), first_id);
  // `wfgen run` hears about Slurm steps through its events, as about local ones.
  r = s.Run({WfgenBin(), "run", "all", "--plain", "--launcher", "slurm"}, env_);
  EXPECT_EQ(r.exit, 0) << r.output;
  EXPECT_NE(r.output.find("[wfgen] succeeded  remote"), std::string::npos) << r.output;
}

TEST_F(SlurmTest, TheSeedDemoScaledDownRunsOnSlurm) {
  // The scaled-down seed demo of e2e_parallel_test, under `--launcher
  // slurm`: every line is a job.
  Generate(ScaledSeedDemo(), {"--launcher", "slurm"});
  RunResult r = Ninja({"-j", "8", "all"});
  EXPECT_NE(r.exit, 0);
  Runs runs = s.TakeRuns();
  EXPECT_EQ(std::count(runs.begin(), runs.end(), "sleepB"), 2) << r.output;  // group 1 only
  EXPECT_EQ(std::count(runs.begin(), runs.end(), "fail"), 1);
  EXPECT_LE(MaxConcurrency(s.Read("times.log")), 2) << s.Read("times.log");
  EXPECT_NE(r.output.find("line 1 of 'fail' failed with exit code 1"), std::string::npos)
      << r.output;
  EXPECT_EQ(r.output.find("stopped by Slurm"), std::string::npos) << r.output;
  // Group 1's logs come back in declaration order.
  size_t at = 0;
  for (const char* name : {"sleepC", "sleepA", "sleepB", "sleepD", "sleepE"}) {
    size_t next = r.output.find(std::string("==== ") + name + " ====", at);
    ASSERT_NE(next, std::string::npos) << name << " out of order:\n" << r.output;
    at = next;
  }
  EXPECT_TRUE(Jobs().empty()) << Join(Jobs());
  EXPECT_TRUE(WaitFor([&] { return CountProcesses(s.dir()) == 0; }, 30))
      << CountProcesses(s.dir()) << " processes left";
}

// Without a launcher, resources are checked and then ignored: the same
// project.yml runs on a laptop. (No cluster needed; srun is not on PATH.)
TEST(LauncherTest, ResourcesAreANoOpLocally) {
  TestSpace s;
  s.Write("project.yml", R"(commands:
  - name: train
    resources: {cpus: 64, mem: 1T, gpus: "a100:8", time: "1", partition: nowhere, extra: [--qos=x]}
    script: ["steptool train --print-env SLURM_JOB_ID"]
)");
  std::vector<std::string> env = {"PATH=" + DirOf(SteptoolBin())};
  ASSERT_EQ(s.Wfgen({}, env).exit, 0);
  EXPECT_EQ(s.Read(".wfgen/steps/train.step").find("resource"), std::string::npos)
      << s.Read(".wfgen/steps/train.step");
  RunResult r = s.Ninja({"train"}, env);
  EXPECT_EQ(r.exit, 0) << r.output;
  EXPECT_NE(r.output.find("SLURM_JOB_ID unset"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("Slurm"), std::string::npos) << r.output;
}

TEST(LauncherTest, WithoutSrunTheLineFailsSayingWhatIsMissing) {
  TestSpace s;
  s.Write("project.yml",
          "launcher: slurm\ncommands:\n  - name: train\n    script: [\"steptool train\"]\n");
  std::vector<std::string> env = {"PATH=" + DirOf(SteptoolBin())};
  ASSERT_EQ(s.Wfgen({}, env).exit, 0);
  RunResult r = s.Ninja({"train"}, env);
  EXPECT_NE(r.exit, 0);
  EXPECT_NE(r.output.find("wfgen: line 1 of 'train': srun not found: the Slurm launcher needs "
                          "Slurm's commands (srun, squeue, scancel) on PATH"),
            std::string::npos)
      << r.output;
  EXPECT_EQ(s.TakeRuns(), Runs{});
}

TEST(LauncherTest, TheLauncherOptionTakesLocalOrSlurm) {
  TestSpace s;
  s.Write("project.yml", "commands:\n  - name: a\n    script: [\"steptool a\"]\n");
  RunResult r = s.Wfgen({"--launcher", "pbs"});
  EXPECT_EQ(r.exit, 2);
  EXPECT_NE(r.output.find("wfgen: error: --launcher is local or slurm, not 'pbs'"),
            std::string::npos)
      << r.output;
  EXPECT_FALSE(s.Exists("build.ninja"));
}

}  // namespace
}  // namespace test
}  // namespace wfgen
