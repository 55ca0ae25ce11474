#include "runtime/step_output.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>

namespace wfgen {

void PrintLine(const std::string& line) {
  std::string s = line + "\n";
  WriteFd(1, s.data(), s.size());
}

StepOutput::~StepOutput() {
  if (log_fd_ >= 0) close(log_fd_);
}

void StepOutput::Write(const char* data, size_t size) {
  if (log_fd_ >= 0) WriteFd(log_fd_, data, size);
  if (events_) events_->Output(stamp_, command_, data, size);
  if (!console_) return;
  size_t n = console_bytes_ < kConsoleLimit ? std::min(size, kConsoleLimit - console_bytes_) : 0;
  WriteFd(1, data, n);
  console_bytes_ += n;
  if (n < size) truncated_ = true;
}

void StepOutput::Say(const std::string& line) {
  std::string s = line + "\n";
  if (log_fd_ >= 0) WriteFd(log_fd_, s.data(), s.size());
  if (console_) WriteFd(1, s.data(), s.size());
}

void PrintFile(const std::string& path, const std::string& shown_path) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  char buf[65536];
  size_t total = 0;
  bool cut = false;
  bool ends_with_newline = true;
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    size_t take = std::min(static_cast<size_t>(n), kConsoleLimit - total);
    WriteFd(1, buf, take);
    if (take > 0) ends_with_newline = buf[take - 1] == '\n';
    total += take;
    if (take < static_cast<size_t>(n)) {
      cut = true;
      break;
    }
  }
  close(fd);
  if (!ends_with_newline) WriteFd(1, "\n", 1);
  if (cut) PrintLine("wfgen: output cut at 1 MiB; the whole log is " + shown_path);
}

}  // namespace wfgen
