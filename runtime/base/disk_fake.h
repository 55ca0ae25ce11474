// An in-memory Disk with a settable clock, for unit tests of the
// fingerprint and decision logic (the role VirtualFileSystem plays in ninja).
#pragma once

#include <map>
#include <string>
#include <vector>

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
  // Appends to a file, creating it (what a log's writes do).
  void Append(const std::string& path, const std::string& bytes);
  bool Exists(const std::string& path) const { return entries_.count(Key(path)) > 0; }
  std::string Contents(const std::string& path) const;
  int64_t Mtime(const std::string& path) const;
  void Tick(int64_t ns = 1000000000) { now_ns_ += ns; }

  // The directory relative paths are taken in: "" (the default) keeps
  // them as they are; a test of code that changes directory sets an
  // absolute one (wrapper/fake_runner.h's FakeWorkingDir).
  void set_cwd(const std::string& dir) { cwd_ = Key(dir); }
  const std::string& cwd() const { return cwd_; }

  // Every file created, written, appended to, touched, removed or given an
  // mtime or a mode, in order, named as the disk names it (directories
  // made are left out). Includes what the test itself does.
  std::vector<std::string> changed;

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
  // `path` as entries_ names it: normalized, below cwd_ if relative.
  std::string Key(const std::string& path) const;
  std::map<std::string, Entry> entries_;
  int64_t now_ns_ = 1700000000LL * 1000000000LL;
  uint64_t next_ino_ = 1;
  std::string cwd_;
};

}  // namespace wfgen
