#include "transfer/remote/weasel_hash.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <algorithm>
#include <memory>

#include <nettle/md5.h>

namespace wfgen {
namespace {

std::string Hex(const uint8_t* digest, size_t n) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

std::string Finish(md5_ctx* ctx) {
  uint8_t digest[MD5_DIGEST_SIZE];
  md5_digest(ctx, MD5_DIGEST_SIZE, digest);
  return Hex(digest, MD5_DIGEST_SIZE);
}

// Streams a file into the md5 in constant memory: models are gigabytes.
bool Md5File(md5_ctx* ctx, const std::string& path, std::string* err) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *err = "cannot read " + path + ": " + strerror(errno);
    return false;
  }
  constexpr size_t kBuf = 1 << 16;
  std::unique_ptr<uint8_t[]> buf(new uint8_t[kBuf]);
  ssize_t n;
  while ((n = read(fd, buf.get(), kBuf)) != 0) {
    if (n < 0) {
      if (errno == EINTR) continue;
      *err = "cannot read " + path + ": " + strerror(errno);
      close(fd);
      return false;
    }
    md5_update(ctx, static_cast<size_t>(n), buf.get());
  }
  close(fd);
  return true;
}

std::vector<std::string> Parts(const std::string& normal) {
  std::vector<std::string> parts;
  size_t start = 0;
  if (!normal.empty() && normal[0] == '/') {
    parts.push_back("/");
    start = 1;
  }
  while (start < normal.size()) {
    size_t slash = normal.find('/', start);
    if (slash == std::string::npos) slash = normal.size();
    parts.push_back(normal.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

// Python 3.11's rglob("*") filtered by is_file(): regular files and symlinks
// to files, in every directory reached without passing through a symlink.
bool ListFiles(Disk* disk, const std::string& dir, const std::string& rel,
               std::vector<std::string>* out, std::string* err) {
  std::vector<DirEntry> entries;
  if (!disk->ListDir(dir, &entries, err)) return false;
  for (const DirEntry& e : entries) {
    std::string child = rel.empty() ? e.name : rel + "/" + e.name;
    if (e.kind == FileKind::kFile) {
      out->push_back(child);
    } else if (e.kind == FileKind::kDir && !e.symlink) {
      if (!ListFiles(disk, JoinPath(dir, e.name), child, out, err)) return false;
    }
  }
  return true;
}

}  // namespace

std::string PathlibNormal(const std::string& path) {
  std::string out;
  if (!path.empty() && path[0] == '/') out = "/";
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    std::string part = path.substr(start, slash - start);
    if (!part.empty() && part != ".") {
      if (!out.empty() && out.back() != '/') out += '/';
      out += part;
    }
    start = slash + 1;
  }
  return out.empty() ? "." : out;
}

bool PathlibLess(const std::string& a, const std::string& b) {
  return Parts(PathlibNormal(a)) < Parts(PathlibNormal(b));
}

bool ContentHash(Disk* disk, const std::string& path, std::string* hex, std::string* err) {
  FileInfo info;
  if (!disk->Stat(path, &info, err)) return false;
  md5_ctx ctx;
  md5_init(&ctx);
  if (info.kind == FileKind::kFile) {
    if (!Md5File(&ctx, path, err)) return false;
  } else if (info.kind == FileKind::kDir) {
    std::vector<std::string> files;
    if (!ListFiles(disk, path, "", &files, err)) return false;
    std::sort(files.begin(), files.end(), PathlibLess);
    for (const std::string& f : files) {
      if (!Md5File(&ctx, JoinPath(path, f), err)) return false;
    }
  } else {
    *err = path + " is not a file or directory";
    return false;
  }
  *hex = Finish(&ctx);
  return true;
}

bool CommandHash(Disk* disk, const std::string& project_dir, const std::vector<std::string>& deps,
                 const std::vector<std::string>& script, std::string* hex, std::string* err) {
  // weasel sorts `project_dir / dep`: an absolute dep replaces the prefix.
  std::vector<std::string> full;
  for (const std::string& d : deps) {
    full.push_back(!d.empty() && d[0] == '/' ? d : JoinPath(project_dir, d));
  }
  std::sort(full.begin(), full.end(), PathlibLess);
  std::string joined;
  for (const std::string& f : full) {
    std::string sum;
    if (!ContentHash(disk, f, &sum, err)) return false;
    joined += sum;
  }
  for (const std::string& line : script) joined += line;
  *hex = Md5Hex(joined);
  return true;
}

std::string QuotePlus(std::string_view s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
        c == '.' || c == '-' || c == '~') {
      out += static_cast<char>(c);
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace wfgen
