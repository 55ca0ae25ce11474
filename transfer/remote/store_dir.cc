#include "transfer/remote/store_dir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <memory>

#include "runtime/base/disk.h"
#include "runtime/base/fd.h"

namespace wfgen {
namespace {

std::string Errno(const std::string& what, const std::string& path) {
  return what + " " + path + ": " + strerror(errno);
}

// mkdir -p root/rel, root included: weasel creates a missing remote
// directory too. Empty parts ("a//b", a trailing '/') are skipped.
bool MakeDirsIn(const std::string& root, const std::string& rel, std::string* err) {
  std::string all = root + "/" + rel;
  std::string path = all[0] == '/' ? "" : ".";
  size_t start = 0;
  while (start < all.size()) {
    size_t slash = all.find('/', start);
    if (slash == std::string::npos) slash = all.size();
    if (slash > start) {
      path += "/" + all.substr(start, slash - start);
      if (mkdir(path.c_str(), 0777) != 0 && errno != EEXIST) {
        *err = Errno("cannot create", path);
        return false;
      }
    }
    start = slash + 1;
  }
  return true;
}

void SyncDir(const std::string& dir) {
  int fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    fsync(fd);
    close(fd);
  }
}

}  // namespace

namespace {

// Copies `from` into the open file `out` (named `to`), fsyncs and closes it;
// removes `to` on failure.
bool CopyInto(const std::string& from, int out, const std::string& to, std::string* err) {
  int in = open(from.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) {
    *err = Errno("cannot read", from);
    close(out);
    unlink(to.c_str());
    return false;
  }
  constexpr size_t kBuf = 1 << 16;
  std::unique_ptr<char[]> buf(new char[kBuf]);
  bool ok = true;
  for (;;) {
    ssize_t n = read(in, buf.get(), kBuf);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      *err = Errno("cannot read", from);
      ok = false;
      break;
    }
    if (!WriteFd(out, buf.get(), static_cast<size_t>(n))) {
      *err = Errno("cannot write", to);
      ok = false;
      break;
    }
  }
  if (ok && fsync(out) != 0) {
    *err = Errno("cannot write", to);
    ok = false;
  }
  close(in);
  close(out);
  if (!ok) unlink(to.c_str());
  return ok;
}

}  // namespace

bool CopyFileSynced(const std::string& from, const std::string& to, std::string* err) {
  int out = open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (out < 0) {
    *err = Errno("cannot create", to);
    return false;
  }
  return CopyInto(from, out, to, err);
}

bool DirStore::Exists(const std::string& key, bool* exists, std::string* err) {
  struct stat st;
  std::string path = root_ + "/" + key;
  if (stat(path.c_str(), &st) == 0) {
    *exists = S_ISREG(st.st_mode);
    return true;
  }
  if (errno == ENOENT || errno == ENOTDIR) {
    *exists = false;
    return true;
  }
  *err = Errno("cannot stat", path);
  return false;
}

bool DirStore::List(const std::string& prefix, std::vector<StoredObject>* objects,
                    std::string* err) {
  std::string dir = root_ + "/" + prefix;
  DIR* d = opendir(dir.c_str());
  if (!d) {
    if (errno == ENOENT || errno == ENOTDIR) return true;
    *err = Errno("cannot list", dir);
    return false;
  }
  while (dirent* e = readdir(d)) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
    struct stat st;
    std::string path = dir + "/" + e->d_name;
    if (stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    objects->push_back({prefix + "/" + e->d_name,
                        static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec});
  }
  closedir(d);
  return true;
}

bool DirStore::Get(const std::string& key, const std::string& local_path, std::string* err) {
  return CopyFileSynced(root_ + "/" + key, local_path, err);
}

bool DirStore::Put(const std::string& local_path, const std::string& key, std::string* err) {
  size_t slash = key.rfind('/');
  if (!MakeDirsIn(root_, slash == std::string::npos ? "" : key.substr(0, slash), err)) return false;
  std::string tmp = root_ + "/%wfgen-tmp.XXXXXX";
  int fd = mkstemp(&tmp[0]);
  if (fd < 0) {
    *err = Errno("cannot create a temp file in", root_);
    return false;
  }
  // mkstemp makes it 0600; objects are for the whole team.
  fchmod(fd, 0644);
  if (!CopyInto(local_path, fd, tmp, err)) return false;
  std::string dest = root_ + "/" + key;
  if (rename(tmp.c_str(), dest.c_str()) != 0) {
    *err = Errno("cannot rename into place", dest);
    unlink(tmp.c_str());
    return false;
  }
  SyncDir(DirName(dest));
  return true;
}

}  // namespace wfgen
