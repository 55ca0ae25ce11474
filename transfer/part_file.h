// The temporary beside an asset's `dest`: DEST.wfgen-part.
//
// A download streams into DEST.wfgen-part and only a complete, verified
// file is renamed over DEST, so DEST is never partial or wrong, not even
// after SIGKILL. The name is fixed (not random) so that the next run finds
// what a killed run left: it is truncated and written again, never resumed
// across runs, because nothing says which URL or which version of the
// remote file its bytes came from (docs/assets.md). Within one run a cut
// transfer is resumed with Range (http_download.h).
//
// The part file is flock()ed while in use: a second wfgen-transfer fetching
// the same asset at the same time fails with a clear message instead of
// writing into the first one's file.
#pragma once

#include <string>

namespace wfgen {

std::string PartPath(const std::string& dest);

class PartFile {
 public:
  PartFile() = default;
  ~PartFile();  // removes the part file unless Commit succeeded
  PartFile(const PartFile&) = delete;
  PartFile& operator=(const PartFile&) = delete;

  // Creates (or takes over and empties) DEST.wfgen-part, locked.
  bool Open(const std::string& dest, std::string* err);
  int fd() const { return fd_; }
  const std::string& path() const { return path_; }
  // Empties the file (a restart from byte 0).
  bool Truncate(std::string* err);
  // fsync, rename over `dest`, fsync the directory.
  bool Commit(std::string* err);

 private:
  std::string dest_, path_;
  int fd_ = -1;
  bool committed_ = false;
};

// Removes DEST.wfgen-part (file or directory tree) left by a killed run,
// unless another process holds its lock. Quiet when there is none.
bool RemoveStalePart(const std::string& dest, std::string* err);

// Removes a file or a whole directory tree (symlinks are not followed).
bool RemoveTree(const std::string& path, std::string* err);

// Locks an existing directory DEST.wfgen-part for a git checkout; the lock
// is held until Unlock or the process ends.
class PartDirLock {
 public:
  PartDirLock() = default;
  ~PartDirLock();
  PartDirLock(const PartDirLock&) = delete;
  PartDirLock& operator=(const PartDirLock&) = delete;
  // Creates DEST.wfgen-part/ (emptying a stale one) and locks it.
  bool Create(const std::string& dest, std::string* err);
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  int fd_ = -1;
};

// Puts `from` at `to` atomically: rename(2), or, when `to` is an existing
// directory (or `from` is one), an exchange (renameat2 RENAME_EXCHANGE) so
// readers see the old or the new tree; the old one is left at `from`.
bool PutInPlace(const std::string& from, const std::string& to, bool* old_left_at_from,
                std::string* err);

// fsync of a directory, so a rename in it survives a crash.
bool SyncDir(const std::string& dir, std::string* err);

}  // namespace wfgen
