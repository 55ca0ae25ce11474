#include "runtime/base/file_lock.h"

#include <errno.h>
#include <string.h>
#include <sys/file.h>

#include "runtime/base/clock.h"

namespace wfgen {

LockResult TryLock(int fd, int op, std::string* err) {
  if (flock(fd, op | LOCK_NB) == 0) return LockResult::kLocked;
  if (errno == EWOULDBLOCK || errno == EINTR) return LockResult::kBusy;
  *err = strerror(errno);
  return LockResult::kError;
}

LockResult WaitForLock(int fd, int op, const std::function<bool()>& cancelled, bool* waited,
                       std::string* err) {
  if (waited) *waited = false;
  for (;;) {
    LockResult r = TryLock(fd, op, err);
    if (r != LockResult::kBusy) return r;
    if (waited) *waited = true;
    if (cancelled && cancelled()) return LockResult::kCancelled;
    SleepMs(kLockPollMs);
  }
}

bool SleepUnlessCancelled(int64_t ms, const std::function<bool()>& cancelled) {
  for (int64_t slept = 0; slept < ms; slept += kLockPollMs) {
    if (cancelled && cancelled()) return false;
    SleepMs(kLockPollMs);
  }
  return true;
}

}  // namespace wfgen
