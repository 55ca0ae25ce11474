// The file-system seam: everything the up-to-date logic needs from the disk.
//
// The decision code (fingerprint.cc, decide.cc) only talks to `Disk`, so unit
// tests run it against `FakeDisk` (disk_fake.h) with a clock they control,
// the way ninja tests its scheduler against VirtualFileSystem.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace wfgen {

enum class FileKind { kMissing, kFile, kDir, kOther };

struct FileInfo {
  FileKind kind = FileKind::kMissing;
  uint64_t size = 0;
  int64_t mtime_ns = 0;
  // ctime cannot be set by utimensat, so together with mtime it catches an
  // edit whose mtime was put back (see fingerprint.cc, "stat cache").
  int64_t ctime_ns = 0;
  uint64_t ino = 0;
  uint64_t dev = 0;
  uint32_t mode = 0;  // permission bits (07777 of st_mode)
};

struct DirEntry {
  std::string name;
  FileKind kind = FileKind::kOther;  // after following symlinks
  bool symlink = false;              // the entry itself is a symbolic link
};

// A 128-bit content hash (xxh3). Zero means "no content" (missing path).
struct Hash128 {
  uint64_t hi = 0, lo = 0;
  bool operator==(const Hash128& o) const { return hi == o.hi && lo == o.lo; }
  bool operator!=(const Hash128& o) const { return !(*this == o); }
  std::string Hex() const;
  static bool FromHex(const std::string& s, Hash128* out);
};

class Disk {
 public:
  virtual ~Disk() = default;

  // Follows symlinks, like weasel's Path.is_file()/is_dir(). A dangling
  // symlink is kMissing. Returns false only for real errors (EACCES, ...).
  virtual bool Stat(const std::string& path, FileInfo* info, std::string* err) = 0;
  virtual bool ReadFile(const std::string& path, std::string* contents, std::string* err) = 0;
  // Streams the file through xxh3 in constant memory.
  virtual bool HashFile(const std::string& path, Hash128* hash, std::string* err) = 0;
  // Hands the file's bytes to `sink` in order, a chunk at a time, in
  // constant memory: for digests other than xxh3 (weasel's md5 of files
  // that may be gigabytes, runtime/state/weasel_checksum.h).
  using ChunkSink = std::function<void(const char* data, size_t size)>;
  virtual bool StreamFile(const std::string& path, const ChunkSink& sink, std::string* err) = 0;
  // Entries other than "." and "..", in no particular order.
  virtual bool ListDir(const std::string& path, std::vector<DirEntry>* entries,
                       std::string* err) = 0;
  // Writes a sibling temp file and renames it over `path`, so readers see
  // either the old or the new content, never a torn one.
  virtual bool WriteFileAtomic(const std::string& path, const std::string& contents,
                               std::string* err) = 0;
  // Creates `path`, which must not exist (else false, errno text EEXIST),
  // and writes it in place. For files nothing reads before their writer is
  // done: it spares WriteFileAtomic's rename, which on ext4 costs more than
  // the write itself (docs/performance.md, generation).
  virtual bool WriteNewFile(const std::string& path, const std::string& contents,
                            std::string* err) = 0;
  virtual bool MakeDirs(const std::string& path, std::string* err) = 0;
  virtual bool SetMtime(const std::string& path, int64_t mtime_ns, std::string* err) = 0;
  // Sets the permission bits (chmod), e.g. to keep a copied script executable.
  virtual bool SetMode(const std::string& path, uint32_t mode, std::string* err) = 0;
  // Creates an empty file or sets its mtime to now.
  virtual bool Touch(const std::string& path, std::string* err) = 0;
  // Removing a missing file is not an error.
  virtual bool RemoveFile(const std::string& path, std::string* err) = 0;
  // Wall clock, nanoseconds since the epoch.
  virtual int64_t NowNs() = 0;
};

// The real file system.
class RealDisk : public Disk {
 public:
  bool Stat(const std::string& path, FileInfo* info, std::string* err) override;
  bool ReadFile(const std::string& path, std::string* contents, std::string* err) override;
  bool HashFile(const std::string& path, Hash128* hash, std::string* err) override;
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
  int64_t NowNs() override;
};

// Hash of a byte string, the same function HashFile applies to a file.
Hash128 HashBytes(const std::string& bytes);

// "a/b/c" -> "a/b"; "c" -> "".
std::string DirName(const std::string& path);
// Joins with a single '/', treating "" and "." as the current directory.
std::string JoinPath(const std::string& dir, const std::string& name);

}  // namespace wfgen
