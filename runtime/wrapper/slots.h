// WFGEN_SLOT: a small integer, unique among the running steps of a pool,
// that a script can turn into a device id (CUDA_VISIBLE_DEVICES=$WFGEN_SLOT).
//
// Ninja's pool already bounds how many steps of a pool run at once; the
// slot number comes from flock(2) on one file per slot, so it is released
// when the step ends however it ends (even on SIGKILL), and concurrent
// ninja runs of one project share the numbering.
#pragma once

#include <functional>
#include <string>

#include "runtime/base/disk.h"

namespace wfgen {

class SlotLease {
 public:
  SlotLease() = default;
  ~SlotLease();
  SlotLease(const SlotLease&) = delete;
  SlotLease& operator=(const SlotLease&) = delete;

  // Takes the lowest free slot of `pool` (depth slots) under `dir`,
  // waiting while all are taken. `cancelled` is polled while waiting.
  // Returns the slot, or -1 if cancelled or on error (*err set). `disk`
  // creates `dir`; the slot files are flock(2)ed, so it is the real one.
  int Acquire(Disk* disk, const std::string& dir, const std::string& pool, int depth,
              const std::function<bool()>& cancelled, std::string* err);
  int fd() const { return fd_; }

 private:
  int fd_ = -1;
};

}  // namespace wfgen
