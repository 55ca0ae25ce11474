#include "runtime/wrapper/step_locking.h"

namespace wfgen {

int FlockStepLocking::TakeSlot(const std::string& dir, const std::string& pool, int depth,
                               const std::function<bool()>& cancelled, int* fd, std::string* err) {
  slots_.push_back(std::make_unique<SlotLease>());
  int n = slots_.back()->Acquire(disk_, dir, pool, depth, cancelled, err);
  *fd = slots_.back()->fd();
  return n;
}

}  // namespace wfgen
