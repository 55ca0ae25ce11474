// Where a remote keeps its objects: one small interface, one class per kind
// of storage (store_dir.h, store_s3.h), chosen from the remote's URL by
// OpenStore (store_open.h).
//
// Keys are relative, '/'-separated, and used exactly as given: for weasel's
// layout "<quote_plus(output)>/<command hash>/<content hash>", whose first
// part may contain "%2F".
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace wfgen {

struct StoredObject {
  std::string key;
  int64_t mtime_ns = 0;  // when it was stored: "newest" is by this
};

class Store {
 public:
  virtual ~Store() = default;
  virtual bool Exists(const std::string& key, bool* exists, std::string* err) = 0;
  // The objects directly below `prefix` (a key without a trailing '/'), as
  // weasel's `(url / prefix).iterdir()` sees them. None is not an error.
  virtual bool List(const std::string& prefix, std::vector<StoredObject>* objects,
                    std::string* err) = 0;
  // Downloads `key` into `local_path`, which must not exist.
  virtual bool Get(const std::string& key, const std::string& local_path, std::string* err) = 0;
  // Uploads `local_path` as `key`, atomically: a reader sees no object or
  // the whole one.
  virtual bool Put(const std::string& local_path, const std::string& key, std::string* err) = 0;
};

// weasel's preference among candidates: newest modification time first;
// ties (same time) by greater key, so the order does not depend on how
// the store listed them.
void SortNewestFirst(std::vector<StoredObject>* objects);

}  // namespace wfgen
