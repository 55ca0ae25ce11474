// An in-memory Disk with a settable clock, for unit tests of the
// fingerprint and decision logic (the role VirtualFileSystem plays in ninja).
#pragma once

#include <map>
#include <string>

#include "runtime/base/disk.h"

namespace wfgen {

class FakeDisk : public Disk {
 public:
  // Creates or overwrites a file (and its parent directories) at the
  // current fake time.
  void Write(const std::string& path, const std::string& contents);
  void Mkdir(const std::string& path);
  void Remove(const std::string& path);
  // Sets the mtime to now without changing content (what `touch` does).
  void TouchNow(const std::string& path);
  bool Exists(const std::string& path) const { return entries_.count(path) > 0; }
  std::string Contents(const std::string& path) const;
  int64_t Mtime(const std::string& path) const;
  void Tick(int64_t ns = 1000000000) { now_ns_ += ns; }

  int stat_calls = 0;
  int hash_calls = 0;
  int stream_calls = 0;
  // ListDir promises no order; a test sets this to list each directory in
  // reverse name order and so check that its caller sorts (the map would
  // otherwise hand out sorted names).
  bool list_reversed = false;

  bool Stat(const std::string& path, FileInfo* info, std::string* err) override;
  bool ReadFile(const std::string& path, std::string* contents, std::string* err) override;
  bool HashFile(const std::string& path, Hash128* hash, std::string* err) override;
  // One chunk: the whole contents (counted in stream_calls).
  bool StreamFile(const std::string& path, const ChunkSink& sink, std::string* err) override;
  bool ListDir(const std::string& path, std::vector<DirEntry>* entries, std::string* err) override;
  bool WriteFileAtomic(const std::string& path, const std::string& contents,
                       std::string* err) override;
  bool WriteNewFile(const std::string& path, const std::string& contents,
                    std::string* err) override;
  bool MakeDirs(const std::string& path, std::string* err) override;
  bool SetMtime(const std::string& path, int64_t mtime_ns, std::string* err) override;
  bool SetMode(const std::string& path, uint32_t mode, std::string* err) override;
  bool Touch(const std::string& path, std::string* err) override;
  bool RemoveFile(const std::string& path, std::string* err) override;
  int64_t NowNs() override { return now_ns_; }

 private:
  struct Entry {
    bool is_dir = false;
    std::string contents;
    int64_t mtime_ns = 0;
    int64_t ctime_ns = 0;
    uint64_t ino = 0;
    uint32_t mode = 0;  // 0: the default, 0755 for a directory, 0644 for a file
  };
  void EnsureParents(const std::string& path);
  std::map<std::string, Entry> entries_;
  int64_t now_ns_ = 1700000000LL * 1000000000LL;
  uint64_t next_ino_ = 1;
};

}  // namespace wfgen
