// Fakes of everything a step touches besides the disk (StepSystem,
// step_runner.h), for unit tests of the wrapper's state machine on a
// FakeDisk: no process is started, nothing sleeps, no directory is entered
// and no file is locked.
//
// The runner and the clock: each "line" takes `line_ms` on the fake clock
// and ends as the test's script says; a stop signal can be scheduled at a
// moment of the fake clock, and it interrupts whatever runs or waits at
// that moment.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "runtime/base/clock.h"
#include "runtime/base/disk_fake.h"
#include "runtime/base/subprocess.h"
#include "runtime/base/working_dir.h"
#include "runtime/wrapper/step_locking.h"
#include "runtime/wrapper/step_output.h"

namespace wfgen {

class FakeClock : public Clock {
 public:
  int64_t NowMs() override { return now_ms; }
  int64_t now_ms = 1000000;
};

class FakeRunner : public CommandRunner {
 public:
  explicit FakeRunner(FakeClock* clock) : clock_(clock) {}

  struct Call {
    std::vector<std::string> argv;
    std::string attempt;  // WFGEN_ATTEMPT
    std::string slot;     // WFGEN_SLOT
    int64_t at_ms = 0;    // fake clock when the line started
  };
  // What a line does; gets the call (attempt included) and may write
  // output or files. The default: exit 0.
  std::function<LineResult(const Call&, OutputSink*)> line;
  int64_t line_ms = 1000;

  // A stop signal `sig` arriving at fake time `at_ms`.
  void StopAt(int64_t at_ms, int sig) {
    stop_at_ms_ = at_ms;
    stop_sig_ = sig;
  }

  std::vector<Call> calls;
  std::vector<int64_t> waits;  // what each WaitForStop asked for
  bool finished = false;

  void set_grace_ms(int64_t) override {}
  void set_on_stop(std::function<void(int, int64_t)>) override {}
  void set_pass_stdin(bool) override {}
  void KeepInGuardian(int) override {}
  bool Init(std::string*) override { return true; }
  LineResult Run(const std::vector<std::string>& argv, const std::vector<std::string>& env,
                 OutputSink* sink, RemoteControl* remote = nullptr) override;
  int StopSignal() override;
  int WaitForStop(int64_t ms) override;
  void Finish() override { finished = true; }

 private:
  FakeClock* clock_;
  int64_t stop_at_ms_ = -1;
  int stop_sig_ = 0;
  int stopped_ = 0;
};

// The current directory is the FakeDisk's: entering one makes the disk
// take relative paths below it.
class FakeWorkingDir : public WorkingDir {
 public:
  explicit FakeWorkingDir(FakeDisk* disk) : disk_(disk) {}
  bool Get(std::string* dir, std::string* err) override;
  bool Enter(const std::string& dir, std::string* err) override;

 private:
  FakeDisk* disk_;
};

// The log is a file of the FakeDisk, appended to write by write.
class FakeLogFile : public LogFile {
 public:
  explicit FakeLogFile(FakeDisk* disk) : disk_(disk) {}
  bool Open(const std::string& path) override;
  void Write(const char* data, size_t size) override;
  void Close() override { path_.clear(); }

 private:
  FakeDisk* disk_;
  std::string path_;  // as the disk names it; "" when closed
};

// Grants every lock and slot at once, and records what was asked.
class FakeStepLocking : public StepLocking {
 public:
  ClaimResult LockStep(const std::string& command, const std::function<bool()>&,
                       std::string*) override {
    locked.push_back(command);
    return ClaimResult::kOwned;
  }
  // Slot 0 of each pool.
  int TakeSlot(const std::string&, const std::string& pool, int, const std::function<bool()>&,
               int* fd, std::string*) override {
    slots.push_back(pool);
    *fd = -1;
    return 0;
  }
  int active_fd() const override { return -1; }

  std::vector<std::string> locked;  // commands
  std::vector<std::string> slots;   // pools
};

}  // namespace wfgen
