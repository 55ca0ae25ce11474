// weasel's asset checksum (get_checksum, runtime/state/weasel_checksum.h)
// with a cache keyed by each file's stat key, so that checking an unchanged
// asset reads no bytes: the files are listed and stat'ed, and only when a
// key differs from the asset record's (asset_record.h) are they read.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "runtime/base/disk.h"
#include "runtime/state/weasel_checksum.h"

namespace wfgen {

// What says "this file has not changed since it was hashed".
struct StatKey {
  uint64_t size = 0;
  int64_t mtime_ns = 0;
  int64_t ctime_ns = 0;
  uint64_t ino = 0;
  static StatKey Of(const FileInfo& info) {
    return {info.size, info.mtime_ns, info.ctime_ns, info.ino};
  }
  bool operator==(const StatKey& o) const {
    return size == o.size && mtime_ns == o.mtime_ns && ctime_ns == o.ctime_ns && ino == o.ino;
  }
  bool operator!=(const StatKey& o) const { return !(*this == o); }
};

// The checksum of a path and the keys of the files it was taken from; kept
// in the asset record (asset_record.h) as the cache for the next check.
struct ChecksumCache {
  struct Entry {
    std::string rel;  // below the directory; "" for a plain file
    StatKey key;
  };
  std::string md5;           // lowercase hex, as weasel prints it
  int64_t hashed_at_ns = 0;  // clock reading taken before reading any file
  std::vector<Entry> files;  // in checksum order
  // The bytes were hashed while this program wrote them, and the keys were
  // taken after the rename: no other writer can have hidden in the same
  // timestamp tick before that, so the racy-clean margin does not apply.
  bool own_write = false;
  bool empty() const { return md5.empty(); }
};

class Md5Checksummer {
 public:
  explicit Md5Checksummer(Disk* disk) : disk_(disk) {}

  // weasel's get_checksum(path) into out->md5 (and the keys into out).
  // When `cache` describes the same files with the same keys, taken
  // comfortably after their last change (git's "racy clean" rule: see
  // kRacyMarginNs), its md5 is reused and no file is read. A path that is
  // neither a file nor a directory is an error, as in weasel.
  bool Checksum(const std::string& path, const ChecksumCache* cache, ChecksumCache* out,
                std::string* err);

  int files_read() const { return files_read_; }

  // A file changed less than this before the cache was taken may have
  // changed again within the same timestamp tick: it is re-read.
  static constexpr int64_t kRacyMarginNs = 100 * 1000000LL;

 private:
  Disk* disk_;
  int files_read_ = 0;
};

}  // namespace wfgen
