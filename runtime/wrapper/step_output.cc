#include "runtime/wrapper/step_output.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>

namespace wfgen {

bool FdLogFile::Open(const std::string& path) {
  Close();
  fd_ = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  return fd_ >= 0;
}

void FdLogFile::Write(const char* data, size_t size) {
  if (fd_ >= 0) WriteFd(fd_, data, size);
}

void FdLogFile::Close() {
  if (fd_ >= 0) close(fd_);
  fd_ = -1;
}

StepOutput::~StepOutput() {
  FinishShown();
  if (log_) log_->Close();
}

// Ends the console copy's pending character or colour before a line of
// wfgen's own.
void StepOutput::FinishShown() {
  if (!console_) return;
  std::string tail;
  shown_.Finish(&tail);
  WriteFd(1, tail.data(), tail.size());
}

void StepOutput::Write(const char* data, size_t size) {
  if (log_) log_->Write(data, size);
  if (events_) events_->Output(stamp_, command_, data, size);
  if (!console_ || shown_.truncated()) return;
  std::string shown;
  shown_.Feed(data, size, &shown);
  WriteFd(1, shown.data(), shown.size());
}

void StepOutput::Say(const std::string& line) {
  std::string s = line + "\n";
  if (log_) log_->Write(s.data(), s.size());
  if (!console_) return;
  FinishShown();
  // wfgen's lines are always shown (not counted against the limit), but
  // they quote script lines, which may hold anything.
  ConsoleText text(s.size() * 3 + 16);
  std::string shown;
  text.Feed(s.data(), s.size(), &shown);
  text.Finish(&shown);
  WriteFd(1, shown.data(), shown.size());
}

void PrintFile(const std::string& path, const std::string& shown_path) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  char buf[65536];
  ConsoleText text(kConsoleLimit);
  std::string shown;
  bool ends_with_newline = true;
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    text.Feed(buf, static_cast<size_t>(n), &shown);
    WriteFd(1, shown.data(), shown.size());
    if (!shown.empty()) ends_with_newline = shown.back() == '\n';
    shown.clear();
    if (text.truncated()) break;
  }
  close(fd);
  text.Finish(&shown);
  WriteFd(1, shown.data(), shown.size());
  // Finish adds an incomplete tail (never a newline) and a colour reset.
  if (!shown.empty() && shown != "\x1b[0m") ends_with_newline = false;
  if (!ends_with_newline) WriteFd(1, "\n", 1);
  if (text.truncated()) PrintLine("wfgen: output cut at 1 MiB; the whole log is " + shown_path);
}

}  // namespace wfgen
