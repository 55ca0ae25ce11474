#include "runtime/base/clock.h"

#include <time.h>

namespace wfgen {

// Also called by the guardian, on its own stack (subprocess_posix.cc),
// hence no sanitizers.
__attribute__((no_sanitize("address", "undefined"))) int64_t MonotonicMs() {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}

__attribute__((no_sanitize("address", "undefined"))) void SleepMs(int64_t ms) {
  struct timespec ts = {static_cast<time_t>(ms / 1000), static_cast<long>(ms % 1000) * 1000000L};
  nanosleep(&ts, nullptr);
}

}  // namespace wfgen
