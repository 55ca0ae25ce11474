// Waiting for flock(2) locks: the one polling loop behind the run locks
// (runtime/state/run_lock.h) and the pool slots (wrapper/slots.h).
//
// Polled rather than blocking: wfgen-run takes its stop signals through a
// signalfd, so a blocking flock could not be interrupted by Ctrl-C or by
// a failing sibling's SIGTERM; `cancelled` is asked between tries.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

namespace wfgen {

// How often a wait asks again.
constexpr int64_t kLockPollMs = 20;

enum class LockResult { kLocked, kBusy, kCancelled, kError };

// One try at flock(fd, op | LOCK_NB) (op: LOCK_EX or LOCK_SH): kLocked,
// kBusy (another holds it), or kError (*err: strerror's text).
LockResult TryLock(int fd, int op, std::string* err);

// Tries until the lock is taken (kLocked), `cancelled` (may be empty)
// returns true (kCancelled), or flock fails (kError, *err: strerror's
// text). *waited (may be null) tells whether it was busy at first.
LockResult WaitForLock(int fd, int op, const std::function<bool()>& cancelled, bool* waited,
                       std::string* err);

// Sleeps `ms` in steps of kLockPollMs; false (at once) when `cancelled`.
bool SleepUnlessCancelled(int64_t ms, const std::function<bool()>& cancelled);

}  // namespace wfgen
