#include "runtime/state/events.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "runtime/base/clock.h"
#include "runtime/base/line_format.h"

namespace wfgen {
namespace {

const char* KindName(EventKind k) {
  switch (k) {
    case EventKind::kStart: return "start";
    case EventKind::kLine: return "line";
    case EventKind::kEnd: return "end";
    case EventKind::kRetry: return "retry";
    case EventKind::kStop: return "stop";
  }
  return "?";
}

// Tabs separate fields; inside a field they become spaces.
std::string Field(const std::string& s) {
  std::string out = EscapeField(s);
  for (char& c : out) {
    if (c == '\t') c = ' ';
  }
  return out;
}

}  // namespace

std::string RenderEvent(const StepEvent& e) {
  std::string s = std::string(KindName(e.kind)) + "\t" + Field(e.stamp) + "\t" + Field(e.command) +
                  "\t" + Field(e.detail);
  bool timed = e.kind == EventKind::kEnd || e.kind == EventKind::kStart ||
               (e.kind == EventKind::kStop && e.at_ms > 0);
  if (timed) {
    s += "\t" + std::to_string(e.code);
    if (e.at_ms > 0) s += "\t" + std::to_string(e.at_ms);
  }
  return s;
}

bool ParseEvent(const std::string& datagram, StepEvent* e) {
  size_t a = datagram.find('\t');
  if (a == std::string::npos) return false;
  size_t b = datagram.find('\t', a + 1);
  if (b == std::string::npos) return false;
  size_t c = datagram.find('\t', b + 1);
  if (c == std::string::npos) return false;
  std::string kind = datagram.substr(0, a);
  if (kind == "start") e->kind = EventKind::kStart;
  else if (kind == "line") e->kind = EventKind::kLine;
  else if (kind == "end") e->kind = EventKind::kEnd;
  else if (kind == "retry") e->kind = EventKind::kRetry;
  else if (kind == "stop") e->kind = EventKind::kStop;
  else return false;
  size_t d = datagram.find('\t', c + 1);
  e->code = 0;
  e->at_ms = 0;
  if (d != std::string::npos) {
    const char* p = datagram.c_str() + d + 1;
    char* end = nullptr;
    long code = strtol(p, &end, 10);
    if (end == p || (*end && *end != '\t')) return false;
    e->code = static_cast<int>(code);
    if (*end == '\t') {
      p = end + 1;
      long long at = strtoll(p, &end, 10);
      if (end == p || *end) return false;
      e->at_ms = at;
    }
  }
  return UnescapeField(datagram.substr(a + 1, b - a - 1), &e->stamp) &&
         UnescapeField(datagram.substr(b + 1, c - b - 1), &e->command) &&
         UnescapeField(datagram.substr(c + 1, d == std::string::npos ? d : d - c - 1), &e->detail);
}

std::string RenderRetry(const RetryNotice& n) {
  return std::to_string(n.next) + " " + std::to_string(n.attempts) + " " +
         std::to_string(n.delay_ms) + " " + n.why;
}

bool ParseRetry(const std::string& detail, RetryNotice* n) {
  long long next = 0, attempts = 0, delay = 0;
  int used = 0;
  if (sscanf(detail.c_str(), "%lld %lld %lld%n", &next, &attempts, &delay, &used) != 3 ||
      next < 2 || attempts < next || delay < 0) {
    return false;
  }
  n->next = static_cast<int>(next);
  n->attempts = static_cast<int>(attempts);
  n->delay_ms = delay;
  n->why = detail.size() > static_cast<size_t>(used) ? detail.substr(used + 1) : "";
  return true;
}

EventSender::EventSender() {
  const char* path = getenv("WFGEN_EVENTS");
  if (!path || !*path || strlen(path) >= sizeof(sockaddr_un::sun_path)) return;
  fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  path_ = path;
}

EventSender::~EventSender() {
  if (fd_ >= 0) close(fd_);
}

void EventSender::Send(const StepEvent& e) {
  if (fd_ < 0) return;
  StepEvent out = e;
  if (out.at_ms == 0 && out.kind != EventKind::kLine && out.kind != EventKind::kRetry) {
    out.at_ms = MonotonicMs();
  }
  std::string msg = RenderEvent(out);
  // Datagrams past a few KiB are not worth it: the log has everything. The
  // detail is what gets shorter, so that the exit status and the time after
  // it arrive whole (a number cut short would still parse).
  while (msg.size() > kMaxEventBytes && !out.detail.empty()) {
    size_t over = msg.size() - kMaxEventBytes;
    out.detail.resize(out.detail.size() > over ? out.detail.size() - over : 0);
    msg = RenderEvent(out);
  }
  if (msg.size() > kMaxEventBytes) return;  // a stamp or name that long: nothing to show
  sockaddr_un addr = {};
  addr.sun_family = AF_UNIX;
  memcpy(addr.sun_path, path_.c_str(), path_.size() + 1);
  // Failures (no listener, full buffer) are ignored on purpose.
  ssize_t ignored = sendto(fd_, msg.data(), msg.size(), MSG_NOSIGNAL,
                           reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  (void)ignored;
}

void EventSender::Output(const std::string& stamp, const std::string& command, const char* data,
                         size_t size) {
  if (fd_ < 0) return;
  partial_.append(data, size);
  // Keep the last non-empty complete line; a progress bar's "\r" ends one too.
  size_t start = 0;
  for (size_t i = 0; i < partial_.size(); ++i) {
    if (partial_[i] != '\n' && partial_[i] != '\r') continue;
    if (i > start) last_line_ = partial_.substr(start, i - start);
    start = i + 1;
  }
  partial_.erase(0, start);
  if (partial_.size() > 4096) partial_.erase(0, partial_.size() - 4096);
  int64_t now = MonotonicMs();
  if (!last_line_.empty() && now - last_sent_ms_ >= 100) {
    Send(StepEvent{EventKind::kLine, stamp, command, last_line_});
    last_line_.clear();
    last_sent_ms_ = now;
  }
}

}  // namespace wfgen
