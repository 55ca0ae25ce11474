// Step events for a front end (`wfgen run`): start, a line of output, end.
//
// The front end sets WFGEN_EVENTS to the path of a Unix datagram socket
// before it starts ninja. When the variable is unset (plain `ninja`), an
// EventSender does nothing at all: no socket, no syscalls. Datagrams keep
// the events of parallel steps whole, and sending never blocks: if the
// front end is gone or slow, events are dropped, never the step.
//
// One datagram: "KIND\tSTAMP\tCOMMAND\tDETAIL[\tCODE[\tAT_MS]]", DETAIL
// escaped (line_format.h) so it is one line; STAMP is the step's stamp
// path, absolute, which names the step occurrence; CODE (end and start
// events) is the wrapper's exit status, which `wfgen run` exits with when
// the step failed; on start events the wrapper's pid. AT_MS (start, end and
// stop events) is when the wrapper sent it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace wfgen {

// kRetry: an attempt failed and another follows (retry_policy.h).
// kStop: a stop signal arrived and the step's processes were sent it;
// SIGKILL follows after the grace period unless they exit first.
enum class EventKind { kStart, kLine, kEnd, kRetry, kStop };

struct StepEvent {
  EventKind kind = EventKind::kStart;
  std::string stamp;
  std::string command;
  // start: log path; line: the text; end: "STATE[ DETAIL]"; retry: RenderRetry;
  // stop: "SIGNAL GRACE_MS" ("SIGINT 10000").
  std::string detail;
  // end: the wrapper's exit status; start: the wrapper's pid (`wfgen run`
  // passes a stop signal on to steps of Ninja's console pool, which Ninja
  // leaves to the terminal).
  int code = 0;
  // start, end and stop: when the sender sent it, on the monotonic clock
  // (clock.h), which every process of the machine shares; 0 when unknown.
  // `wfgen run` times steps by it rather than by when it read the event,
  // which on a busy machine may be much later, or several events at once.
  int64_t at_ms = 0;
};

// The longest datagram an EventSender sends.
constexpr size_t kMaxEventBytes = 4000;

std::string RenderEvent(const StepEvent& e);
bool ParseEvent(const std::string& datagram, StepEvent* e);

// The detail of a retry event: "NEXT MAX DELAY_MS WHY", e.g.
// "2 3 4000 exit code 3": attempt 2 of 3 starts in 4 s because the last
// one ended with exit code 3.
struct RetryNotice {
  int next = 2;
  int attempts = 2;
  int64_t delay_ms = 0;
  std::string why;
};
std::string RenderRetry(const RetryNotice& n);
bool ParseRetry(const std::string& detail, RetryNotice* n);

class EventSender {
 public:
  // Reads WFGEN_EVENTS; inactive if unset.
  EventSender();
  ~EventSender();
  EventSender(const EventSender&) = delete;
  EventSender& operator=(const EventSender&) = delete;

  bool active() const { return fd_ >= 0; }
  // Start, end and stop events without an `at_ms` get the time of sending.
  // A datagram over kMaxEventBytes has its detail shortened.
  void Send(const StepEvent& e);
  // Output as it arrives: remembers the last complete line and sends it at
  // most every 100 ms.
  void Output(const std::string& stamp, const std::string& command, const char* data, size_t size);

 private:
  int fd_ = -1;
  std::string path_;
  std::string partial_;
  std::string last_line_;
  int64_t last_sent_ms_ = 0;
};

}  // namespace wfgen
