// Taking the content fingerprint of declared deps and outputs.
//
// A file's hash is reused from the previous record when its stat key (size,
// mtime, ctime, inode) is unchanged and the record was hashed comfortably
// after the file's last change; otherwise the file is read and hashed. This
// is git's "racy clean" rule: a file changed within the file system's
// timestamp granularity of the hashing could carry a stale-looking key, so
// it is always re-read.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "runtime/base/disk.h"
#include "runtime/state/record.h"

namespace wfgen {

// Script lines and the shell flag, hashed: the "script" part of weasel's
// lock entry.
Hash128 ScriptHash(const std::vector<std::string>& lines, bool shell);

class Fingerprinter {
 public:
  // `cache` may be null. The clock is read once, now, for hashed_at.
  Fingerprinter(Disk* disk, const Record* cache);

  bool Take(const std::string& path, PathState* out, std::string* err);
  bool TakeAll(const std::vector<std::string>& paths, std::vector<PathState>* out,
               std::string* err);

  int64_t hashed_at_ns() const { return hashed_at_ns_; }
  int files_hashed() const { return files_hashed_; }
  int files_reused() const { return files_reused_; }

  // Files changed less than this before a record was hashed are re-read.
  static constexpr int64_t kRacyMarginNs = 100 * 1000000LL;

 private:
  bool HashOneFile(const std::string& full, const FileInfo& info, FileState* out, std::string* err);
  bool WalkDir(const std::string& root, const std::string& rel, std::vector<FileState>* files,
               std::vector<std::pair<uint64_t, uint64_t>>* seen, std::string* err);

  Disk* disk_;
  int64_t hashed_at_ns_;
  int64_t trust_before_ns_ = 0;
  std::unordered_map<std::string, const FileState*> cache_;
  int files_hashed_ = 0;
  int files_reused_ = 0;
};

// Every file below a directory PathState, as paths relative to the project
// ("dir/a.txt"), for depfiles and mtime restoring.
std::string ChildPath(const PathState& dir, const FileState& child);
// "dir/" + rel, without doubling a trailing slash the user wrote.
std::string PathBelow(const std::string& dir, const std::string& rel);

}  // namespace wfgen
