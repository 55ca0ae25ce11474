// A remote that is a directory: local, or on a shared file system (NFS,
// Lustre, a mounted bucket). weasel reaches the same layout through
// cloudpathlib's local paths.
//
// An object is written under a temp name in the remote's top directory
// ("%wfgen-tmp.*": quote_plus never produces a raw '%', so no output's name
// can collide, and weasel never lists the top directory), fsynced, then
// renamed to its key. A reader never sees a half-written object, and two
// pushers of the same object each rename a complete copy over the other.
#pragma once

#include <string>

#include "transfer/remote/store.h"

namespace wfgen {

class DirStore : public Store {
 public:
  explicit DirStore(std::string root) : root_(std::move(root)) {}
  bool Exists(const std::string& key, bool* exists, std::string* err) override;
  bool List(const std::string& prefix, std::vector<StoredObject>* objects,
            std::string* err) override;
  bool Get(const std::string& key, const std::string& local_path, std::string* err) override;
  bool Put(const std::string& local_path, const std::string& key, std::string* err) override;

 private:
  std::string root_;
};

// Copies `from` to a new file `to` (O_EXCL) and fsyncs it.
bool CopyFileSynced(const std::string& from, const std::string& to, std::string* err);

}  // namespace wfgen
