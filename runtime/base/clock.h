// The clock, behind an interface, so that code which times things (the
// wrapper's attempts and their delays) is tested on a fake clock without
// sleeping.
#pragma once

#include <cstdint>

namespace wfgen {

// Milliseconds on the monotonic clock: the one clock every timeout, wait
// and duration is measured on (clock_posix.cc).
int64_t MonotonicMs();

// Sleeps `ms` milliseconds (a signal may end it early: callers poll).
void SleepMs(int64_t ms);

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
