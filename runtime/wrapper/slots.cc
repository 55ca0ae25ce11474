#include "runtime/wrapper/slots.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "runtime/base/clock.h"
#include "runtime/base/file_lock.h"
#include "runtime/state/step_spec.h"

namespace wfgen {

SlotLease::~SlotLease() {
  if (fd_ >= 0) close(fd_);
}

int SlotLease::Acquire(Disk* disk, const std::string& dir, const std::string& pool, int depth,
                       const std::function<bool()>& cancelled, std::string* err) {
  if (!disk->MakeDirs(dir, err)) return -1;
  for (int round = 0;; ++round) {
    for (int i = 0; i < depth; ++i) {
      std::string path = dir + "/" + FileSafeName(pool) + "." + std::to_string(i);
      int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
      if (fd < 0) {
        *err = "cannot open slot file " + path + ": " + strerror(errno);
        return -1;
      }
      if (TryLock(fd, LOCK_EX, err) == LockResult::kLocked) {
        fd_ = fd;
        return i;
      }
      close(fd);
    }
    if (cancelled && cancelled()) return -1;
    // All taken: another ninja shares the pool. Wait a little and retry.
    SleepMs(round < 20 ? 10 : 100);
  }
}

}  // namespace wfgen
