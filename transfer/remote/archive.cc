#include "transfer/remote/archive.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <memory>
#include <vector>

#include <archive.h>
#include <archive_entry.h>

#include "runtime/base/fd.h"
#include "runtime/state/weasel_checksum.h"
#include "transfer/remote/weasel_hash.h"

namespace wfgen {
namespace {

std::string Errno(const std::string& what, const std::string& path) {
  return what + " " + path + ": " + strerror(errno);
}

struct ArchiveWriter {
  archive* a = archive_write_new();
  ~ArchiveWriter() { archive_write_free(a); }
};
struct ArchiveReader {
  archive* a = archive_read_new();
  ~ArchiveReader() { archive_read_free(a); }
};
struct Entry {
  archive_entry* e = archive_entry_new();
  ~Entry() { archive_entry_free(e); }
};

bool WriteData(archive* a, const std::string& path, std::string* err) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) {
    *err = Errno("cannot read", path);
    return false;
  }
  constexpr size_t kBuf = 1 << 16;
  std::unique_ptr<char[]> buf(new char[kBuf]);
  ssize_t n;
  bool ok = true;
  while ((n = read(fd, buf.get(), kBuf)) != 0) {
    if (n < 0) {
      if (errno == EINTR) continue;
      *err = Errno("cannot read", path);
      ok = false;
      break;
    }
    if (archive_write_data(a, buf.get(), static_cast<size_t>(n)) != n) {
      *err = std::string("cannot write archive: ") + archive_error_string(a);
      ok = false;
      break;
    }
  }
  close(fd);
  return ok;
}

// tarfile.add(full, arcname=name): lstat, so a symbolic link is stored as
// a link; a directory's children follow it in sorted order.
bool AddTree(archive* a, const std::string& full, const std::string& name, std::string* err) {
  struct stat st;
  if (lstat(full.c_str(), &st) != 0) {
    *err = Errno("cannot stat", full);
    return false;
  }
  Entry entry;
  archive_entry_copy_stat(entry.e, &st);
  archive_entry_set_pathname(entry.e, name.c_str());
  // Like tarfile: no owner names, and no hard-link tracking (every file is
  // stored with its bytes, which any reader accepts).
  archive_entry_set_nlink(entry.e, 1);
  if (S_ISLNK(st.st_mode)) {
    std::string target(static_cast<size_t>(st.st_size) + 1, '\0');
    ssize_t n = readlink(full.c_str(), &target[0], target.size());
    if (n < 0) {
      *err = Errno("cannot read link", full);
      return false;
    }
    target.resize(static_cast<size_t>(n));
    archive_entry_set_symlink(entry.e, target.c_str());
    archive_entry_set_size(entry.e, 0);
  } else if (S_ISDIR(st.st_mode)) {
    archive_entry_set_size(entry.e, 0);
  } else if (!S_ISREG(st.st_mode)) {
    *err = "cannot archive " + full + ": not a file, directory or symbolic link";
    return false;
  }
  if (archive_write_header(a, entry.e) != ARCHIVE_OK) {
    *err = std::string("cannot write archive: ") + archive_error_string(a);
    return false;
  }
  if (S_ISREG(st.st_mode)) return WriteData(a, full, err);
  if (!S_ISDIR(st.st_mode)) return true;
  std::vector<std::string> names;
  DIR* d = opendir(full.c_str());
  if (!d) {
    *err = Errno("cannot list", full);
    return false;
  }
  while (dirent* e = readdir(d)) {
    if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) names.push_back(e->d_name);
  }
  closedir(d);
  std::sort(names.begin(), names.end());
  for (const std::string& n : names) {
    if (!AddTree(a, full + "/" + n, name + "/" + n, err)) return false;
  }
  return true;
}

std::vector<std::string> Split(const std::string& path) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    if (slash > start) parts.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

// A link target is accepted if it is relative, climbs ("..") only at its
// start, and lexically stays in the project from where the link is. Since
// it never climbs after descending, passing through another (checked) link
// cannot take it out either.
bool LinkStaysInside(const std::string& link_in_project, const std::string& target) {
  if (target.empty() || target[0] == '/') return false;
  std::vector<std::string> dir = Split(link_in_project);
  dir.pop_back();
  bool descended = false;
  for (const std::string& p : Split(target)) {
    if (p == ".") continue;
    if (p == "..") {
      if (descended || dir.empty()) return false;
      dir.pop_back();
    } else {
      descended = true;
      dir.push_back(p);
    }
  }
  return true;
}

bool MakeParents(const std::string& root, const std::string& rel, std::string* err) {
  std::string path = root;
  std::vector<std::string> parts = Split(rel);
  for (size_t i = 0; i + 1 < parts.size(); ++i) {
    path += "/" + parts[i];
    if (mkdir(path.c_str(), 0755) != 0 && errno != EEXIST) {
      *err = Errno("cannot create", path);
      return false;
    }
  }
  return true;
}

bool WriteMember(archive* a, const std::string& target, mode_t mode, std::string* err) {
  int fd = open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) {
    *err = errno == EEXIST ? "the archive holds a member twice" : Errno("cannot create", target);
    return false;
  }
  constexpr size_t kBuf = 1 << 16;
  std::unique_ptr<char[]> buf(new char[kBuf]);
  bool ok = true;
  for (;;) {
    la_ssize_t n = archive_read_data(a, buf.get(), kBuf);
    if (n == 0) break;
    if (n < 0) {
      *err = std::string("corrupt or truncated archive: ") + archive_error_string(a);
      ok = false;
      break;
    }
    if (!WriteFd(fd, buf.get(), static_cast<size_t>(n))) {
      *err = Errno("cannot write", target);
      ok = false;
      break;
    }
  }
  if (ok && (fchmod(fd, mode & 0777) != 0 || fsync(fd) != 0)) {
    *err = Errno("cannot write", target);
    ok = false;
  }
  close(fd);
  return ok;
}

struct Deferred {
  std::string path;
  std::string link_target;  // a symlink when not empty, else a directory
  mode_t mode = 0;
};

// Unpacks the members into `tmp`/o; `out` is the output's normal form.
bool Unpack(archive* a, const std::string& out, const std::string& tmp, std::string* err) {
  std::vector<Deferred> deferred;
  archive_entry* e;
  int r;
  while ((r = archive_read_next_header(a, &e)) == ARCHIVE_OK) {
    const char* raw = archive_entry_pathname(e);
    std::string name = raw ? raw : "";
    if (name.empty() || name[0] == '/') {
      *err = "refused member '" + name + "': absolute path";
      return false;
    }
    for (const std::string& p : Split(name)) {
      if (p == "..") {
        *err = "refused member '" + name + "': '..' in its path";
        return false;
      }
    }
    std::string normal = PathlibNormal(name);
    std::string rel;
    if (normal == out) {
      rel = "o";
    } else if (normal.compare(0, out.size() + 1, out + "/") == 0) {
      rel = "o/" + normal.substr(out.size() + 1);
    } else {
      *err = "refused member '" + name + "': not below the output " + out;
      return false;
    }
    if (archive_entry_hardlink(e)) {
      *err = "refused member '" + name + "': hard link";
      return false;
    }
    std::string target = tmp + "/" + rel;
    if (!MakeParents(tmp, rel, err)) return false;
    mode_t mode = archive_entry_perm(e);
    switch (archive_entry_filetype(e)) {
      case AE_IFREG:
        if (!WriteMember(a, target, mode, err)) return false;
        break;
      case AE_IFDIR:
        if (mkdir(target.c_str(), 0700) != 0 && errno != EEXIST) {
          *err = Errno("cannot create", target);
          return false;
        }
        deferred.push_back({target, "", mode});
        break;
      case AE_IFLNK: {
        const char* link = archive_entry_symlink(e);
        std::string to = link ? link : "";
        if (!LinkStaysInside(normal, to)) {
          *err = "refused member '" + name + "': symbolic link to '" + to + "' leaves the project";
          return false;
        }
        deferred.push_back({target, to, 0});
        break;
      }
      default:
        *err = "refused member '" + name + "': not a file, directory or symbolic link";
        return false;
    }
  }
  if (r != ARCHIVE_EOF) {
    *err = std::string("corrupt or truncated archive: ") + archive_error_string(a);
    return false;
  }
  // Links last: until then no link exists in the temp tree, so no member
  // can be written through one; a member below a link makes its creation
  // fail below.
  for (const Deferred& d : deferred) {
    if (d.link_target.empty()) continue;
    if (symlink(d.link_target.c_str(), d.path.c_str()) != 0) {
      *err = errno == EEXIST ? "the archive holds a member twice" : Errno("cannot create", d.path);
      return false;
    }
  }
  // Directory modes last, deepest first, so a read-only one can be filled.
  for (auto it = deferred.rbegin(); it != deferred.rend(); ++it) {
    if (it->link_target.empty()) chmod(it->path.c_str(), (it->mode & 0777) | 0700);
  }
  return true;
}

}  // namespace

void RemoveTree(const std::string& path) {
  struct stat st;
  if (lstat(path.c_str(), &st) != 0) return;
  if (S_ISDIR(st.st_mode)) {
    chmod(path.c_str(), 0700);
    if (DIR* d = opendir(path.c_str())) {
      std::vector<std::string> names;
      while (dirent* e = readdir(d)) {
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) names.push_back(e->d_name);
      }
      closedir(d);
      for (const std::string& n : names) RemoveTree(path + "/" + n);
    }
    rmdir(path.c_str());
  } else {
    unlink(path.c_str());
  }
}

bool WriteOutputArchive(const std::string& project_dir, const std::string& output,
                        const std::string& archive_path, std::string* err) {
  int fd = open(archive_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) {
    *err = Errno("cannot create", archive_path);
    return false;
  }
  ArchiveWriter w;
  // tarfile's "w:gz": gzip over a PAX tar. The name keeps the spelling of
  // project.yml (tarfile strips only a leading '/').
  std::string name = output;
  while (!name.empty() && name[0] == '/') name.erase(0, 1);
  while (name.size() > 1 && name.back() == '/') name.pop_back();
  bool ok = archive_write_add_filter_gzip(w.a) == ARCHIVE_OK &&
            archive_write_set_format_pax_restricted(w.a) == ARCHIVE_OK &&
            archive_write_open_fd(w.a, fd) == ARCHIVE_OK;
  if (!ok) *err = std::string("cannot write archive: ") + archive_error_string(w.a);
  ok = ok && AddTree(w.a, JoinPath(project_dir, output), name, err);
  if (ok && archive_write_close(w.a) != ARCHIVE_OK) {
    *err = std::string("cannot write archive: ") + archive_error_string(w.a);
    ok = false;
  }
  if (ok && fsync(fd) != 0) {
    *err = Errno("cannot write", archive_path);
    ok = false;
  }
  close(fd);
  if (!ok) unlink(archive_path.c_str());
  return ok;
}

bool ExtractOutput(Disk* disk, const std::string& project_dir, const std::string& output,
                   const std::string& archive_path, const std::string& content_hash,
                   std::string* err) {
  std::string out = PathlibNormal(output);
  std::vector<std::string> parts = Split(out);
  if (out[0] == '/' || out == "." || std::find(parts.begin(), parts.end(), "..") != parts.end()) {
    *err = "output path " + output + " is not inside the project";
    return false;
  }
  std::string dest = JoinPath(project_dir, out);
  std::string parent = DirName(dest);
  if (parent.empty()) parent = ".";
  if (!disk->MakeDirs(parent, err)) return false;
  std::string tmp = parent + "/.wfgen-pull-XXXXXX";
  if (!mkdtemp(&tmp[0])) {
    *err = Errno("cannot create a temp directory in", parent);
    return false;
  }
  bool ok;
  {
    ArchiveReader r;
    // Only gzip'd tar is accepted, as weasel opens it ("r:gz").
    archive_read_support_filter_gzip(r.a);
    archive_read_support_format_tar(r.a);
    ok = archive_read_open_filename(r.a, archive_path.c_str(), 1 << 16) == ARCHIVE_OK;
    if (!ok) *err = std::string("corrupt archive: ") + archive_error_string(r.a);
    ok = ok && Unpack(r.a, out, tmp, err);
  }
  std::string unpacked = tmp + "/o";
  if (ok) {
    struct stat st;
    if (lstat(unpacked.c_str(), &st) != 0) {
      *err = "the archive does not hold " + out;
      ok = false;
    }
  }
  std::string got;
  if (ok && !WeaselChecksum(disk, unpacked, &got, err)) ok = false;
  if (ok && got != content_hash) {
    *err = "content hash " + got + " differs from the object's name " + content_hash;
    ok = false;
  }
  if (ok && renameat2(AT_FDCWD, unpacked.c_str(), AT_FDCWD, dest.c_str(), RENAME_NOREPLACE) != 0) {
    *err = errno == EEXIST ? dest + " appeared meanwhile; left as it is"
                           : Errno("cannot rename into place", dest);
    ok = false;
  }
  RemoveTree(tmp);
  return ok;
}

}  // namespace wfgen
