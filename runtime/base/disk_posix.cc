// RealDisk: the POSIX implementation of the file-system seam.
#include "runtime/base/disk.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cstdio>
#include <memory>

#include <xxhash.h>

namespace wfgen {
namespace {

std::string ErrnoText(const std::string& what, const std::string& path) {
  return what + " " + path + ": " + strerror(errno);
}

int64_t ToNs(const struct timespec& ts) {
  return static_cast<int64_t>(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}

FileKind KindOf(mode_t mode) {
  if (S_ISREG(mode)) return FileKind::kFile;
  if (S_ISDIR(mode)) return FileKind::kDir;
  return FileKind::kOther;
}

struct Fd {
  int fd = -1;
  explicit Fd(int f) : fd(f) {}
  ~Fd() {
    if (fd >= 0) close(fd);
  }
};

// Creates `path` (with O_TRUNC or O_EXCL) and writes `contents`; a file
// left half-written is removed.
bool WriteNew(const std::string& path, int mode, const std::string& contents, std::string* err) {
  Fd f(open(path.c_str(), O_WRONLY | O_CREAT | mode | O_CLOEXEC, 0644));
  if (f.fd < 0) {
    *err = ErrnoText("cannot create", path);
    return false;
  }
  const char* p = contents.data();
  size_t left = contents.size();
  while (left > 0) {
    ssize_t n = write(f.fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      *err = ErrnoText("cannot write", path);
      unlink(path.c_str());
      return false;
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

std::string Hash128::Hex() const {
  char buf[33];
  snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(hi),
           static_cast<unsigned long long>(lo));
  return buf;
}

bool Hash128::FromHex(const std::string& s, Hash128* out) {
  if (s.size() != 32) return false;
  uint64_t parts[2] = {0, 0};
  for (size_t i = 0; i < 32; ++i) {
    char c = s[i];
    int v;
    if (c >= '0' && c <= '9') v = c - '0';
    else if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
    else return false;
    parts[i / 16] = (parts[i / 16] << 4) | static_cast<uint64_t>(v);
  }
  out->hi = parts[0];
  out->lo = parts[1];
  return true;
}

Hash128 HashBytes(const std::string& bytes) {
  XXH128_hash_t h = XXH3_128bits(bytes.data(), bytes.size());
  Hash128 out;
  out.hi = h.high64;
  out.lo = h.low64;
  return out;
}

std::string DirName(const std::string& path) {
  size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return "";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string JoinPath(const std::string& dir, const std::string& name) {
  if (dir.empty() || dir == ".") return name;
  if (dir.back() == '/') return dir + name;
  return dir + "/" + name;
}

bool RealDisk::Stat(const std::string& path, FileInfo* info, std::string* err) {
  struct stat st;
  *info = FileInfo();
  if (stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT || errno == ENOTDIR || errno == ELOOP) return true;
    *err = ErrnoText("cannot stat", path);
    return false;
  }
  info->kind = KindOf(st.st_mode);
  info->size = static_cast<uint64_t>(st.st_size);
  info->mtime_ns = ToNs(st.st_mtim);
  info->ctime_ns = ToNs(st.st_ctim);
  info->ino = st.st_ino;
  info->dev = st.st_dev;
  info->mode = st.st_mode & 07777;
  return true;
}

bool RealDisk::ReadFile(const std::string& path, std::string* contents, std::string* err) {
  Fd f(open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (f.fd < 0) {
    *err = ErrnoText("cannot open", path);
    return false;
  }
  contents->clear();
  char buf[65536];
  for (;;) {
    ssize_t n = read(f.fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      *err = ErrnoText("cannot read", path);
      return false;
    }
    if (n == 0) break;
    contents->append(buf, static_cast<size_t>(n));
  }
  return true;
}

bool RealDisk::HashFile(const std::string& path, Hash128* hash, std::string* err) {
  std::unique_ptr<XXH3_state_t, XXH_errorcode (*)(XXH3_state_t*)> state(XXH3_createState(),
                                                                        XXH3_freeState);
  XXH3_128bits_reset(state.get());
  if (!StreamFile(
          path, [&](const char* data, size_t n) { XXH3_128bits_update(state.get(), data, n); },
          err)) {
    return false;
  }
  XXH128_hash_t h = XXH3_128bits_digest(state.get());
  hash->hi = h.high64;
  hash->lo = h.low64;
  return true;
}

bool RealDisk::StreamFile(const std::string& path, const ChunkSink& sink, std::string* err) {
  Fd f(open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (f.fd < 0) {
    *err = ErrnoText("cannot open", path);
    return false;
  }
  static constexpr size_t kChunk = 1 << 18;
  std::unique_ptr<char[]> buf(new char[kChunk]);
  for (;;) {
    ssize_t n = read(f.fd, buf.get(), kChunk);
    if (n < 0) {
      if (errno == EINTR) continue;
      *err = ErrnoText("cannot read", path);
      return false;
    }
    if (n == 0) return true;
    sink(buf.get(), static_cast<size_t>(n));
  }
}

bool RealDisk::ListDir(const std::string& path, std::vector<DirEntry>* entries, std::string* err) {
  entries->clear();
  DIR* d = opendir(path.c_str());
  if (!d) {
    *err = ErrnoText("cannot list", path);
    return false;
  }
  while (struct dirent* e = readdir(d)) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
    DirEntry entry;
    entry.name = e->d_name;
    if (e->d_type == DT_REG) {
      entry.kind = FileKind::kFile;
    } else if (e->d_type == DT_DIR) {
      entry.kind = FileKind::kDir;
    } else {
      // Symlinks and file systems without d_type: ask stat, which follows.
      struct stat st;
      std::string full = JoinPath(path, entry.name);
      entry.symlink = e->d_type == DT_LNK || (e->d_type == DT_UNKNOWN &&
                                              lstat(full.c_str(), &st) == 0 && S_ISLNK(st.st_mode));
      entry.kind = stat(full.c_str(), &st) == 0 ? KindOf(st.st_mode) : FileKind::kMissing;
    }
    entries->push_back(std::move(entry));
  }
  closedir(d);
  return true;
}

bool RealDisk::WriteFileAtomic(const std::string& path, const std::string& contents,
                               std::string* err) {
  std::string tmp = path + ".tmp." + std::to_string(getpid());
  if (!WriteNew(tmp, O_TRUNC, contents, err)) return false;
  if (rename(tmp.c_str(), path.c_str()) != 0) {
    *err = ErrnoText("cannot rename over", path);
    unlink(tmp.c_str());
    return false;
  }
  return true;
}

bool RealDisk::WriteNewFile(const std::string& path, const std::string& contents,
                            std::string* err) {
  return WriteNew(path, O_EXCL, contents, err);
}

bool RealDisk::MakeDirs(const std::string& path, std::string* err) {
  if (path.empty() || path == "." || path == "/") return true;
  struct stat st;
  if (stat(path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return true;
    *err = "cannot create directory " + path + ": a file is in the way";
    return false;
  }
  if (!MakeDirs(DirName(path), err)) return false;
  if (mkdir(path.c_str(), 0777) != 0 && errno != EEXIST) {
    *err = ErrnoText("cannot create directory", path);
    return false;
  }
  return true;
}

bool RealDisk::SetMtime(const std::string& path, int64_t mtime_ns, std::string* err) {
  struct timespec times[2];
  times[0].tv_sec = 0;
  times[0].tv_nsec = UTIME_OMIT;
  times[1].tv_sec = static_cast<time_t>(mtime_ns / 1000000000LL);
  times[1].tv_nsec = static_cast<long>(mtime_ns % 1000000000LL);
  if (utimensat(AT_FDCWD, path.c_str(), times, 0) != 0) {
    *err = ErrnoText("cannot set mtime of", path);
    return false;
  }
  return true;
}

bool RealDisk::SetMode(const std::string& path, uint32_t mode, std::string* err) {
  if (chmod(path.c_str(), static_cast<mode_t>(mode)) != 0) {
    *err = ErrnoText("cannot change the mode of", path);
    return false;
  }
  return true;
}

bool RealDisk::Touch(const std::string& path, std::string* err) {
  if (utimensat(AT_FDCWD, path.c_str(), nullptr, 0) == 0) return true;
  if (errno != ENOENT) {
    *err = ErrnoText("cannot touch", path);
    return false;
  }
  Fd f(open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644));
  if (f.fd < 0) {
    *err = ErrnoText("cannot create", path);
    return false;
  }
  return true;
}

bool RealDisk::RemoveFile(const std::string& path, std::string* err) {
  if (unlink(path.c_str()) != 0 && errno != ENOENT) {
    *err = ErrnoText("cannot remove", path);
    return false;
  }
  return true;
}

int64_t RealDisk::NowNs() {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return ToNs(ts);
}

}  // namespace wfgen
