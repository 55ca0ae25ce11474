// The clock, behind an interface, so that code which times things (the
// wrapper's attempts and their delays) is tested on a fake clock without
// sleeping.
#pragma once

#include <cstdint>

namespace wfgen {

// Milliseconds on the monotonic clock (subprocess_posix.cc).
int64_t MonotonicMs();

class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t NowMs() = 0;
};

class MonotonicClock : public Clock {
 public:
  int64_t NowMs() override { return MonotonicMs(); }
};

}  // namespace wfgen
