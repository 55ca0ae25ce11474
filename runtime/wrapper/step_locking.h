// The locks a step takes before it evaluates and runs: the project for
// its ninja and the command (runtime/state/run_lock.h), and the pool
// slots (slots.h). Behind an interface because the real ones are flock(2)s
// on files that only a real file system can share between processes; unit
// tests of the state machine use a fake that grants everything and
// records what was asked (fake_runner.h).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "runtime/base/disk.h"
#include "runtime/state/run_lock.h"
#include "runtime/wrapper/slots.h"

namespace wfgen {

class StepLocking {
 public:
  virtual ~StepLocking() = default;
  // The project for this ninja run, then `command` (StepLocks::Acquire):
  // held until the object is gone.
  virtual ClaimResult LockStep(const std::string& command, const std::function<bool()>& cancelled,
                               std::string* err) = 0;
  // The lowest free of `depth` slots of `pool` under `dir`, held until the
  // object is gone (SlotLease::Acquire). Returns the slot, or -1 when
  // cancelled or on error (*err set); *fd is what the guardian must keep
  // open (subprocess.h), -1 for nothing.
  virtual int TakeSlot(const std::string& dir, const std::string& pool, int depth,
                       const std::function<bool()>& cancelled, int* fd, std::string* err) = 0;
  // The shared lock on the project's `active` file, for the guardian; -1
  // for none.
  virtual int active_fd() const = 0;
};

// The real locks: flock(2) on files below .wfgen/locks and .wfgen/slots,
// created through `disk`.
class FlockStepLocking : public StepLocking {
 public:
  explicit FlockStepLocking(Disk* disk) : disk_(disk), locks_(disk) {}
  ClaimResult LockStep(const std::string& command, const std::function<bool()>& cancelled,
                       std::string* err) override {
    return locks_.Acquire(command, cancelled, err);
  }
  int TakeSlot(const std::string& dir, const std::string& pool, int depth,
               const std::function<bool()>& cancelled, int* fd, std::string* err) override;
  int active_fd() const override { return locks_.active_fd(); }

 private:
  Disk* disk_;
  StepLocks locks_;
  std::vector<std::unique_ptr<SlotLease>> slots_;
};

}  // namespace wfgen
