#include "runtime/base/rooted_disk.h"

namespace wfgen {

std::string RootedDisk::Resolve(const std::string& path) const {
  if (!path.empty() && path[0] == '/') return path;
  return JoinPath(root_, path);
}

}  // namespace wfgen
