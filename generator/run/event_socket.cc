#include "generator/run/event_socket.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <vector>

namespace wfgen {

EventSocket::~EventSocket() {
  if (fd_ >= 0) close(fd_);
  if (!path_.empty()) unlink(path_.c_str());
  if (!dir_.empty()) rmdir(dir_.c_str());
}

bool EventSocket::Open(std::string* err) {
  const char* tmp = getenv("TMPDIR");
  std::string templ =
      std::string(tmp && *tmp && strlen(tmp) < 60 ? tmp : "/tmp") + "/wfgen-run-XXXXXX";
  std::vector<char> buf(templ.begin(), templ.end());
  buf.push_back('\0');
  if (!mkdtemp(buf.data())) {
    *err = std::string("mkdtemp: ") + strerror(errno);
    return false;
  }
  dir_ = buf.data();
  path_ = dir_ + "/events";
  fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  sockaddr_un addr = {};
  addr.sun_family = AF_UNIX;
  if (fd_ < 0 || path_.size() >= sizeof addr.sun_path) {
    *err = "cannot create the events socket";
    return false;
  }
  memcpy(addr.sun_path, path_.c_str(), path_.size() + 1);
  if (bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    *err = std::string("bind: ") + strerror(errno);
    return false;
  }
  int size = 4 << 20;  // many parallel steps, each a line every 100 ms
  setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
  return true;
}

}  // namespace wfgen
