#include "transfer/remote/store.h"

#include <algorithm>

namespace wfgen {

void SortNewestFirst(std::vector<StoredObject>* objects) {
  std::sort(objects->begin(), objects->end(), [](const StoredObject& a, const StoredObject& b) {
    return a.mtime_ns != b.mtime_ns ? a.mtime_ns > b.mtime_ns : a.key > b.key;
  });
}

}  // namespace wfgen
