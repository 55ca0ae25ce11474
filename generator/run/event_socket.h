// The datagram socket the wrappers send their events to under `wfgen run`
// (runtime/state/events.h): bound in a private temp directory, which goes
// away with it.
#pragma once

#include <string>

namespace wfgen {

class EventSocket {
 public:
  EventSocket() = default;
  EventSocket(const EventSocket&) = delete;
  EventSocket& operator=(const EventSocket&) = delete;
  ~EventSocket();

  // Creates the directory (under $TMPDIR, or /tmp when that is too long for
  // a socket's address) and binds a non-blocking socket in it.
  bool Open(std::string* err);
  int fd() const { return fd_; }
  // What the wrappers get as WFGEN_EVENTS.
  const std::string& path() const { return path_; }

 private:
  int fd_ = -1;
  std::string dir_, path_;
};

}  // namespace wfgen
