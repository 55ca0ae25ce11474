// The wrapper's state machine on a FakeDisk and the fakes of
// fake_runner.h: skip / run / fail / terminated, the record written only
// after success, what a skip writes, a group's first failure claiming the
// stop, and retries with their delays. No file, directory, process, lock
// or sleep is real; the build directory is /build on the fake disk.
#include "runtime/wrapper/step_runner.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>

#include <algorithm>

#include "runtime/state/group.h"
#include "runtime/state/step_spec.h"
#include "runtime/wrapper/fake_runner.h"

namespace wfgen {
namespace {

class StepRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    disk_.set_cwd(dir_);
    disk_.Mkdir("p");
    setenv("WFGEN_KEEP_GOING", "0", 1);
    unsetenv("WFGEN_EVENTS");
    unsetenv("WFGEN_FORCE");
    spec_.name = "fetch";
    spec_.project_dir = dir_ + "/p";
    spec_.script = {"download data.txt"};
    spec_.outputs = {"data.txt"};
    options_.spec_path = dir_ + "/fetch.step";
    options_.stamp = dir_ + "/stamps/fetch";
    options_.console = false;
    // By default a line writes its output and succeeds.
    ok_ = [this](const FakeRunner::Call& c, OutputSink* out) {
      std::string say = "attempt " + c.attempt + "\n";
      out->Write(say.data(), say.size());
      disk_.Write("data.txt", "data\n");  // the line runs in the project directory
      return LineResult();
    };
    runner_.line = ok_;
  }

  // Runs the step as Ninja would start it in the build directory; the
  // locks live as long as the wfgen-run.
  StepExit Run() {
    disk_.set_cwd(dir_);
    disk_.Write(options_.spec_path, RenderStepSpec(spec_));
    FakeStepLocking locks;
    StepExit e =
        RunStepWith(options_, StepSystem{&disk_, &runner_, &clock_, &dir_seam_, &log_, &locks});
    locked_ = locks.locked;
    slots_ = locks.slots;
    return e;
  }

  std::string Read(const std::string& rel) const { return disk_.Contents(dir_ + "/" + rel); }
  bool Exists(const std::string& rel) const { return disk_.Exists(dir_ + "/" + rel); }
  // Where `rel` (below the build directory) was changed, in disk_.changed.
  std::vector<size_t> Changes(const std::string& rel) const {
    std::vector<size_t> at;
    for (size_t i = 0; i < disk_.changed.size(); ++i) {
      if (disk_.changed[i] == dir_ + "/" + rel) at.push_back(i);
    }
    return at;
  }
  std::string Log() const { return Read("p/.wfgen/logs/fetch.log"); }
  bool Recorded() const { return Exists("p/.wfgen/state/fetch.rec"); }

  void Retries(int max, int64_t delay_ms = 0, double backoff = 1,
               std::vector<std::string> on = {}) {
    spec_.retries.max = max;
    spec_.retries.delay_ms = delay_ms;
    spec_.retries.backoff = backoff;
    spec_.retries.on = std::move(on);
  }
  // Lines fail with `code` until attempt `k`.
  void FailUntil(int k, int code = 3) {
    auto ok = ok_;
    runner_.line = [=](const FakeRunner::Call& c, OutputSink* out) {
      if (std::stoi(c.attempt) >= k) return ok(c, out);
      LineResult r;
      r.code = code;
      return r;
    };
  }
  // Sets up a parallel group of `fetch` and `other`.
  void InGroup() {
    GroupSpec g;
    g.label = "group 1 of workflow 'all'";
    g.project = dir_ + "/p";
    g.run_dir = dir_ + "/run";
    g.members = {"fetch", "other"};
    disk_.Write(dir_ + "/group", RenderGroupSpec(g));
    options_.group_file = dir_ + "/group";
    options_.ran = dir_ + "/ran/fetch";
  }
  GroupRun Group() { return GroupRun(&disk_, dir_ + "/run", CurrentRunId()); }

  const std::string dir_ = "/build";
  StepSpec spec_;
  RunOptions options_;
  FakeDisk disk_;
  FakeWorkingDir dir_seam_{&disk_};
  FakeLogFile log_{&disk_};
  FakeClock clock_;
  FakeRunner runner_{&clock_};
  std::vector<std::string> locked_;  // what the last run locked
  std::vector<std::string> slots_;   // and the pools it took slots of
  std::function<LineResult(const FakeRunner::Call&, OutputSink*)> ok_;
};

TEST_F(StepRunnerTest, RunsRecordsThenSkips) {
  StepExit e = Run();
  EXPECT_EQ(e.code, 0);
  EXPECT_EQ(e.die_of_signal, 0);
  ASSERT_EQ(runner_.calls.size(), 1u);
  EXPECT_EQ(runner_.calls[0].argv, (std::vector<std::string>{"download", "data.txt"}));
  EXPECT_EQ(runner_.calls[0].attempt, "1");
  EXPECT_TRUE(Recorded());
  EXPECT_TRUE(Exists("stamps/fetch"));
  EXPECT_TRUE(runner_.finished);
  EXPECT_EQ(Log().find("---- attempt"), std::string::npos);  // no retries, no headers

  EXPECT_EQ(Run().code, 0);
  EXPECT_EQ(runner_.calls.size(), 1u);  // skipped: nothing changed
}

TEST_F(StepRunnerTest, ASkipWritesNothingButAMissingStamp) {
  ASSERT_EQ(Run().code, 0);
  EXPECT_EQ(locked_, std::vector<std::string>{"fetch"});
  disk_.Tick();
  ASSERT_EQ(Run().code, 0);  // may store fresh stat keys: the output was hashed as it was written
  disk_.Tick();
  disk_.changed.clear();
  ASSERT_EQ(Run().code, 0);
  EXPECT_EQ(runner_.calls.size(), 1u);
  EXPECT_EQ(locked_, std::vector<std::string>{"fetch"});  // a skip is decided under the lock
  // The spec the test wrote, and nothing else: no log, record or stamp.
  EXPECT_EQ(disk_.changed, std::vector<std::string>{dir_ + "/fetch.step"});

  disk_.Remove(dir_ + "/stamps/fetch");
  disk_.changed.clear();
  ASSERT_EQ(Run().code, 0);
  EXPECT_EQ(disk_.changed,
            (std::vector<std::string>{dir_ + "/fetch.step", dir_ + "/stamps/fetch"}));
}

TEST_F(StepRunnerTest, TheRecordIsWrittenAfterTheLastLineThenTheStamp) {
  spec_.script = {"prepare", "download data.txt"};
  size_t after_last_line = 0;
  auto ok = ok_;
  runner_.line = [&, ok](const FakeRunner::Call& c, OutputSink* out) {
    LineResult r = ok(c, out);
    after_last_line = disk_.changed.size();
    return r;
  };
  ASSERT_EQ(Run().code, 0);
  EXPECT_EQ(runner_.calls.size(), 2u);
  std::vector<size_t> record = Changes("p/.wfgen/state/fetch.rec");
  std::vector<size_t> stamp = Changes("stamps/fetch");
  ASSERT_EQ(record.size(), 1u);
  ASSERT_EQ(stamp.size(), 1u);
  EXPECT_GE(record[0], after_last_line);
  EXPECT_GT(stamp[0], record[0]);
  EXPECT_TRUE(Changes("p/.wfgen/logs/fetch.log").front() < record[0]);
}

TEST_F(StepRunnerTest, FailureRecordsNothing) {
  FailUntil(99);
  EXPECT_EQ(Run().code, 3);
  EXPECT_FALSE(Recorded());
  EXPECT_NE(Log().find("wfgen: line 1 of 'fetch' failed with exit code 3\n"), std::string::npos)
      << Log();
  EXPECT_TRUE(runner_.waits.empty());
}

TEST_F(StepRunnerTest, RetriesRerunTheWholeScriptUntilAnAttemptSucceeds) {
  spec_.script = {"prepare", "download data.txt"};
  Retries(2, 4000, 2);
  auto ok = runner_.line;
  runner_.line = [&, ok](const FakeRunner::Call& c, OutputSink* out) {
    // Nothing is recorded before an attempt succeeds.
    EXPECT_FALSE(Recorded());
    LineResult r;
    if (c.argv[0] == "download" && c.attempt != "3") r.code = 3;
    return c.argv[0] == "prepare" || c.attempt == "3" ? ok(c, out) : r;
  };
  int64_t t0 = clock_.now_ms;
  EXPECT_EQ(Run().code, 0);
  std::vector<std::string> seen;
  for (auto& c : runner_.calls) seen.push_back(c.argv[0] + "@" + c.attempt);
  EXPECT_EQ(seen, (std::vector<std::string>{"prepare@1", "download@1", "prepare@2", "download@2",
                                            "prepare@3", "download@3"}));
  // Each line takes 1 s on the fake clock; then 4 s, then 4 * 2 s.
  EXPECT_EQ(runner_.waits, (std::vector<int64_t>{4000, 8000}));
  EXPECT_EQ(runner_.calls[2].at_ms - t0, 2000 + 4000);
  EXPECT_EQ(runner_.calls[4].at_ms - t0, 2000 + 4000 + 2000 + 8000);
  EXPECT_TRUE(Recorded());
  std::string log = Log();
  EXPECT_NE(log.find("wfgen: ---- attempt 1 of 3 of 'fetch' (at +0 s) ----"), std::string::npos)
      << log;
  EXPECT_NE(log.find("wfgen: line 2 of 'fetch': exit code 3 (attempt 1 of 3); retrying in 4 s"),
            std::string::npos)
      << log;
  EXPECT_NE(log.find("wfgen: ---- attempt 2 of 3 of 'fetch' (at +6 s) ----"), std::string::npos);
  EXPECT_NE(log.find("wfgen: ---- attempt 3 of 3 of 'fetch' (at +16 s) ----"), std::string::npos);
  EXPECT_NE(log.find("wfgen: 'fetch' succeeded on attempt 3 of 3"), std::string::npos);

  // The next run starts from attempt 1 again.
  disk_.Remove(dir_ + "/p/data.txt");
  runner_.calls.clear();
  runner_.line = ok;
  EXPECT_EQ(Run().code, 0);
  EXPECT_EQ(runner_.calls[0].attempt, "1");
}

TEST_F(StepRunnerTest, FailsWithTheLastAttemptsStatus) {
  Retries(2);
  runner_.line = [](const FakeRunner::Call& c, OutputSink*) {
    LineResult r;
    r.code = 10 + std::stoi(c.attempt);
    return r;
  };
  EXPECT_EQ(Run().code, 13);
  EXPECT_EQ(runner_.calls.size(), 3u);
  EXPECT_FALSE(Recorded());
  EXPECT_NE(Log().find("failed with exit code 13 (attempt 3 of 3, the last)"), std::string::npos)
      << Log();
}

TEST_F(StepRunnerTest, NotFoundIsNotRetried) {
  Retries(3);
  runner_.line = [](const FakeRunner::Call&, OutputSink*) {
    LineResult r;
    r.kind = LineResult::kSpawnFailed;
    r.error = "command not found: nosuchprogram";
    return r;
  };
  EXPECT_EQ(Run().code, 127);
  EXPECT_EQ(runner_.calls.size(), 1u);
  EXPECT_NE(Log().find("not retried: another attempt would fail the same way"), std::string::npos);
}

TEST_F(StepRunnerTest, Exit126IsNotRetried) {
  Retries(3);
  FailUntil(99, 126);
  EXPECT_EQ(Run().code, 126);
  EXPECT_EQ(runner_.calls.size(), 1u);
}

TEST_F(StepRunnerTest, OnNarrowsWhatIsRetried) {
  Retries(3, 0, 1, {"3", "node_fail"});
  FailUntil(99, 4);
  EXPECT_EQ(Run().code, 4);
  EXPECT_EQ(runner_.calls.size(), 1u);
  EXPECT_NE(Log().find("not retried: `retries: on:` does not name it"), std::string::npos);

  runner_.calls.clear();
  FailUntil(2, 3);
  EXPECT_EQ(Run().code, 0);
  EXPECT_EQ(runner_.calls.size(), 2u);
}

TEST_F(StepRunnerTest, SlurmCausesAreMatchedByName) {
  Retries(1, 0, 1, {"node_fail"});
  auto ok = runner_.line;
  runner_.line = [ok](const FakeRunner::Call& c, OutputSink* out) {
    if (c.attempt == "2") return ok(c, out);
    LineResult r;
    r.kind = LineResult::kLauncher;
    r.code = 1;
    r.cause = "node_fail";
    r.error = "stopped by Slurm: NODE FAILURE (job 7)";
    return r;
  };
  EXPECT_EQ(Run().code, 0);
  EXPECT_NE(Log().find("stopped by Slurm: NODE FAILURE (job 7) (attempt 1 of 2); retrying"),
            std::string::npos)
      << Log();
}

TEST_F(StepRunnerTest, InterruptDuringTheDelayStopsAtOnce) {
  Retries(2, 60000);
  FailUntil(99);
  int64_t t0 = clock_.now_ms;
  runner_.StopAt(t0 + 1000 + 5000, SIGINT);  // 5 s into the 60 s delay
  StepExit e = Run();
  EXPECT_EQ(e.die_of_signal, SIGINT);
  EXPECT_EQ(runner_.calls.size(), 1u);
  EXPECT_EQ(clock_.now_ms, t0 + 6000);  // did not wait out the delay
  EXPECT_FALSE(Recorded());
  EXPECT_NE(Log().find("stopped by SIGINT while waiting to retry"), std::string::npos) << Log();
}

TEST_F(StepRunnerTest, InterruptDuringALineIsNotRetried) {
  Retries(2);
  runner_.StopAt(clock_.now_ms + 500, SIGTERM);
  StepExit e = Run();
  EXPECT_EQ(e.die_of_signal, SIGTERM);
  EXPECT_EQ(runner_.calls.size(), 1u);
  EXPECT_FALSE(Recorded());
}

TEST_F(StepRunnerTest, MissingDepFailsWithoutRunningOrRetrying) {
  Retries(2);
  spec_.deps = {"corpus.txt"};
  EXPECT_EQ(Run().code, 1);
  EXPECT_TRUE(runner_.calls.empty());
}

TEST_F(StepRunnerTest, TheSlotIsKeptAcrossAttempts) {
  Retries(2);
  FailUntil(3);
  options_.pool = "gpu:4";
  EXPECT_EQ(Run().code, 0);
  ASSERT_EQ(runner_.calls.size(), 3u);
  EXPECT_FALSE(runner_.calls[0].slot.empty());
  EXPECT_EQ(runner_.calls[1].slot, runner_.calls[0].slot);
  EXPECT_EQ(runner_.calls[2].slot, runner_.calls[0].slot);
  EXPECT_EQ(slots_, std::vector<std::string>{"gpu"});  // taken once, before the first attempt
}

TEST_F(StepRunnerTest, GroupMemberClaimsTheStopOnlyAfterItsLastAttempt) {
  InGroup();
  Retries(1);
  std::string failed_during_attempts;
  runner_.line = [&](const FakeRunner::Call&, OutputSink*) {
    // While it retries, its siblings are left alone.
    failed_during_attempts += "[" + Group().FailedMember() + "]";
    LineResult r;
    r.code = 5;
    return r;
  };
  EXPECT_EQ(Run().code, 5);
  EXPECT_EQ(failed_during_attempts, "[][]");
  EXPECT_EQ(Group().FailedMember(), "fetch");
  MemberStatus st = Group().ReadStatus("fetch");
  EXPECT_EQ(st.state, MemberState::kFailed);
  EXPECT_EQ(st.detail, "exit code 5, attempt 2 of 2");
  EXPECT_TRUE(Exists("ran/fetch"));
}

TEST_F(StepRunnerTest, GroupMemberIsNotStartedAfterASiblingFailed) {
  InGroup();
  std::string first;
  ASSERT_TRUE(Group().ClaimFailure("other", 1, &first));
  EXPECT_EQ(Run().code, kTerminatedExit);
  EXPECT_TRUE(runner_.calls.empty());
  EXPECT_EQ(Group().ReadStatus("fetch").state, MemberState::kTerminated);
  EXPECT_EQ(Group().ReadStatus("fetch").detail, "other");
}

TEST_F(StepRunnerTest, ASiblingsFailureStopsAMemberInItsDelay) {
  InGroup();
  Retries(3, 30000);
  int64_t t0 = clock_.now_ms;
  runner_.line = [&](const FakeRunner::Call&, OutputSink*) {
    // The sibling fails for good meanwhile, and sends SIGTERM 2 s into
    // our delay.
    std::string first;
    Group().ClaimFailure("other", 1, &first);
    runner_.StopAt(t0 + 1000 + 2000, SIGTERM);
    LineResult r;
    r.code = 3;
    return r;
  };
  StepExit e = Run();
  EXPECT_EQ(e.code, kTerminatedExit);
  EXPECT_EQ(e.die_of_signal, 0);  // a sibling's stop is not an interrupt
  EXPECT_EQ(runner_.calls.size(), 1u);
  EXPECT_EQ(clock_.now_ms, t0 + 3000);
  EXPECT_EQ(Group().ReadStatus("fetch").state, MemberState::kTerminated);
  EXPECT_EQ(Group().FailedMember(), "other");
}

TEST_F(StepRunnerTest, ASiblingThatFailedDuringTheDelayPreventsTheNextAttempt) {
  InGroup();
  Retries(3, 1000);
  runner_.line = [&](const FakeRunner::Call&, OutputSink*) {
    std::string first;
    Group().ClaimFailure("other", 1, &first);  // its SIGTERM has not arrived yet
    LineResult r;
    r.code = 3;
    return r;
  };
  EXPECT_EQ(Run().code, kTerminatedExit);
  EXPECT_EQ(runner_.calls.size(), 1u);
}

}  // namespace
}  // namespace wfgen
