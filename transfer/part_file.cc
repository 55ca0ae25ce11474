#include "transfer/part_file.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runtime/base/disk.h"

namespace wfgen {
namespace {

std::string Errno(const std::string& what, const std::string& path) {
  return what + " " + path + ": " + strerror(errno);
}

// Opens `path` (creating it with `create`) and takes its lock without
// waiting. Loops when the path was replaced between open and lock (the
// holder renamed its part file into place): the lock must be on the inode
// that the path names now.
int OpenLocked(const std::string& path, int flags, bool* busy, std::string* err) {
  *busy = false;
  for (int tries = 0; tries < 10; ++tries) {
    int fd = open(path.c_str(), flags | O_CLOEXEC, 0666);
    if (fd < 0) {
      *err = Errno("cannot open", path);
      return -1;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
      close(fd);
      if (errno == EWOULDBLOCK) {
        *busy = true;
        *err = path + " is in use by another wfgen-transfer fetching the same asset; wait for it";
      } else {
        *err = Errno("cannot lock", path);
      }
      return -1;
    }
    struct stat by_fd, by_path;
    if (fstat(fd, &by_fd) == 0 && stat(path.c_str(), &by_path) == 0 &&
        by_fd.st_ino == by_path.st_ino && by_fd.st_dev == by_path.st_dev) {
      return fd;
    }
    close(fd);
  }
  *err = "cannot lock " + path + ": it keeps being replaced";
  return -1;
}

int RemoveOne(const char* path, const struct stat*, int type, struct FTW*) {
  int rc = type == FTW_DP ? rmdir(path) : unlink(path);
  return rc == 0 || errno == ENOENT ? 0 : -1;
}

}  // namespace

std::string PartPath(const std::string& dest) { return dest + ".wfgen-part"; }

PartFile::~PartFile() {
  if (fd_ >= 0) {
    if (!committed_) unlink(path_.c_str());
    close(fd_);
  }
}

bool PartFile::Open(const std::string& dest, std::string* err) {
  dest_ = dest;
  path_ = PartPath(dest);
  struct stat st;
  if (lstat(path_.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    // A directory left by a killed git checkout of an asset that is now a URL.
    if (!RemoveStalePart(dest, err)) return false;
  }
  bool busy;
  fd_ = OpenLocked(path_, O_RDWR | O_CREAT, &busy, err);
  if (fd_ < 0) return false;
  return Truncate(err);
}

bool PartFile::Truncate(std::string* err) {
  if (ftruncate(fd_, 0) != 0 || lseek(fd_, 0, SEEK_SET) != 0) {
    *err = Errno("cannot truncate", path_);
    return false;
  }
  return true;
}

bool PartFile::Commit(std::string* err) {
  if (fsync(fd_) != 0) {
    *err = Errno("cannot sync", path_);
    return false;
  }
  if (rename(path_.c_str(), dest_.c_str()) != 0) {
    *err = Errno("cannot rename into place:", dest_);
    return false;
  }
  committed_ = true;
  return SyncDir(DirName(dest_), err);
}

bool RemoveTree(const std::string& path, std::string* err) {
  struct stat st;
  if (lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return true;
    *err = Errno("cannot stat", path);
    return false;
  }
  if (!S_ISDIR(st.st_mode)) {
    if (unlink(path.c_str()) != 0 && errno != ENOENT) {
      *err = Errno("cannot remove", path);
      return false;
    }
    return true;
  }
  // git makes its object files read-only; unlink needs only the directory's
  // write permission, which git leaves.
  if (nftw(path.c_str(), RemoveOne, 16, FTW_DEPTH | FTW_PHYS) != 0) {
    *err = Errno("cannot remove", path);
    return false;
  }
  return true;
}

bool RemoveStalePart(const std::string& dest, std::string* err) {
  std::string part = PartPath(dest);
  struct stat st;
  if (lstat(part.c_str(), &st) != 0) return true;
  bool busy;
  int fd = OpenLocked(part, O_RDONLY, &busy, err);
  if (fd < 0) return false;
  bool ok = RemoveTree(part, err);
  close(fd);
  return ok;
}

PartDirLock::~PartDirLock() {
  if (fd_ >= 0) close(fd_);
}

bool PartDirLock::Create(const std::string& dest, std::string* err) {
  if (!RemoveStalePart(dest, err)) return false;
  path_ = PartPath(dest);
  if (mkdir(path_.c_str(), 0777) != 0) {
    *err = errno == EEXIST
               ? path_ + " is in use by another wfgen-transfer fetching the same asset; wait for it"
               : Errno("cannot create", path_);
    return false;
  }
  bool busy;
  fd_ = OpenLocked(path_, O_RDONLY | O_DIRECTORY, &busy, err);
  return fd_ >= 0;
}

bool PutInPlace(const std::string& from, const std::string& to, bool* old_left_at_from,
                std::string* err) {
  *old_left_at_from = false;
  struct stat st, from_st;
  bool exists = lstat(to.c_str(), &st) == 0;
  bool from_dir = lstat(from.c_str(), &from_st) == 0 && S_ISDIR(from_st.st_mode);
  if (exists && (S_ISDIR(st.st_mode) || from_dir)) {
    if (renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_EXCHANGE) != 0) {
      *err = Errno("cannot swap into place:", to);
      return false;
    }
    *old_left_at_from = true;
  } else if (rename(from.c_str(), to.c_str()) != 0) {
    *err = Errno("cannot rename into place:", to);
    return false;
  }
  return SyncDir(DirName(to), err);
}

bool SyncDir(const std::string& dir, std::string* err) {
  std::string d = dir.empty() ? "." : dir;
  int fd = open(d.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    *err = Errno("cannot open", d);
    return false;
  }
  int rc = fsync(fd);
  close(fd);
  if (rc != 0) {
    *err = Errno("cannot sync", d);
    return false;
  }
  return true;
}

}  // namespace wfgen
