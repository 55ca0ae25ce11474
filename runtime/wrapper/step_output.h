// Where a step's output goes: all of it to the step's log file, and (for
// serial steps) the first MiB to stdout, which Ninja shows when the step
// ends. Parallel group members write only the log; their output reaches
// the console through the group's replay.
#pragma once

#include <string>

#include "runtime/base/console_text.h"
#include "runtime/base/fd.h"
#include "runtime/base/messages.h"
#include "runtime/base/subprocess.h"
#include "runtime/state/events.h"

namespace wfgen {

// How much of a step's output is copied to the console through Ninja,
// which holds all of it in memory until the step ends.
constexpr size_t kConsoleLimit = 1 << 20;

// The step's log file, behind an interface so that unit tests keep it in
// a FakeDisk (fake_runner.h). The real one is a file descriptor written as
// the output comes, so `tail -f` and the group's replay see every byte.
class LogFile {
 public:
  virtual ~LogFile() = default;
  // Creates or truncates the file at `path` (relative to the current
  // directory). False if it cannot: the output then goes only to the
  // console.
  virtual bool Open(const std::string& path) = 0;
  virtual void Write(const char* data, size_t size) = 0;
  virtual void Close() = 0;
};

class FdLogFile : public LogFile {
 public:
  ~FdLogFile() override { Close(); }
  bool Open(const std::string& path) override;
  void Write(const char* data, size_t size) override;
  void Close() override;

 private:
  int fd_ = -1;
};

// The log gets every byte; the console copy is made printable and cut at
// kConsoleLimit (console_text.h).
class StepOutput : public OutputSink {
 public:
  // `log` (may be null) is closed when the output ends.
  StepOutput(LogFile* log, bool console) : log_(log), console_(console) {}
  // Also report output lines to a front end (events.h).
  void Tap(EventSender* events, const std::string& stamp, const std::string& command) {
    events_ = events;
    stamp_ = stamp;
    command_ = command;
  }
  ~StepOutput() override;
  void Write(const char* data, size_t size) override;
  // wfgen's own lines, to the log and (if console) to stdout.
  void Say(const std::string& line);
  bool truncated() const { return shown_.truncated(); }

 private:
  void FinishShown();

  LogFile* log_;
  bool console_;
  ConsoleText shown_{kConsoleLimit};
  EventSender* events_ = nullptr;
  std::string stamp_, command_;
};

// Copies the file at `path` to stdout, at most kConsoleLimit bytes; says
// where the rest is if it was cut.
void PrintFile(const std::string& path, const std::string& shown_path);

}  // namespace wfgen
