#include "transfer/md5_checksum.h"

#include <errno.h>
#include <fcntl.h>
#include <nettle/md5.h>
#include <string.h>
#include <unistd.h>

#include <algorithm>

namespace wfgen {
namespace {

std::string Hex(const uint8_t* digest, size_t n) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    out += kDigits[digest[i] >> 4];
    out += kDigits[digest[i] & 15];
  }
  return out;
}

bool HashInto(const std::string& path, md5_ctx* ctx, std::string* err) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *err = "cannot read " + path + ": " + strerror(errno);
    return false;
  }
  char buf[1 << 16];
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      *err = "cannot read " + path + ": " + strerror(errno);
      close(fd);
      return false;
    }
    if (n == 0) break;
    md5_update(ctx, static_cast<size_t>(n), reinterpret_cast<const uint8_t*>(buf));
  }
  close(fd);
  return true;
}


std::string JoinParts(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += '/';
    out += p;
  }
  return out;
}

}  // namespace

std::string FinishMd5(md5_ctx* ctx) {
  uint8_t digest[MD5_DIGEST_SIZE];
  md5_digest(ctx, MD5_DIGEST_SIZE, digest);
  return Hex(digest, MD5_DIGEST_SIZE);
}

bool Md5OfFile(const std::string& path, std::string* hex, std::string* err) {
  md5_ctx ctx;
  md5_init(&ctx);
  if (!HashInto(path, &ctx, err)) return false;
  *hex = FinishMd5(&ctx);
  return true;
}

bool Md5Checksummer::Walk(const std::string& root, const std::vector<std::string>& parts,
                          std::vector<std::vector<std::string>>* files, std::string* err) {
  std::string dir = parts.empty() ? root : root + "/" + JoinParts(parts);
  std::vector<DirEntry> entries;
  if (!disk_->ListDir(dir, &entries, err)) return false;
  for (const DirEntry& e : entries) {
    std::vector<std::string> child = parts;
    child.push_back(e.name);
    if (e.kind == FileKind::kFile) {
      files->push_back(std::move(child));
    } else if (e.kind == FileKind::kDir && !e.symlink) {
      // rglob does not descend into symlinked directories.
      if (!Walk(root, child, files, err)) return false;
    }
  }
  return true;
}

bool Md5Checksummer::Checksum(const std::string& path, const ChecksumCache* cache,
                              ChecksumCache* out, std::string* err) {
  *out = ChecksumCache();
  out->hashed_at_ns = disk_->NowNs();
  FileInfo info;
  if (!disk_->Stat(path, &info, err)) return false;
  std::vector<std::string> rels;
  if (info.kind == FileKind::kFile) {
    rels.push_back("");
  } else if (info.kind == FileKind::kDir) {
    std::vector<std::vector<std::string>> files;
    if (!Walk(path, {}, &files, err)) return false;
    // pathlib orders by parts; comparing the strings would put "a-b" before
    // "a/c" ('-' < '/'), where weasel has "a/c" first ("a" < "a-b").
    std::sort(files.begin(), files.end());
    for (const auto& f : files) rels.push_back(JoinParts(f));
  } else {
    *err = "cannot get the checksum of " + path + ": not a file or directory";
    return false;
  }
  for (const std::string& rel : rels) {
    FileInfo fi;
    if (rel.empty()) {
      fi = info;
    } else if (!disk_->Stat(path + "/" + rel, &fi, err)) {
      return false;
    }
    out->files.push_back({rel, StatKey::Of(fi)});
  }

  if (cache && !cache->empty() && cache->files.size() == out->files.size()) {
    bool same = true;
    for (size_t i = 0; same && i < out->files.size(); ++i) {
      const ChecksumCache::Entry& now = out->files[i];
      const ChecksumCache::Entry& then = cache->files[i];
      same = now.rel == then.rel && now.key == then.key &&
             (cache->own_write || now.key.mtime_ns + kRacyMarginNs <= cache->hashed_at_ns);
    }
    if (same) {
      out->md5 = cache->md5;
      out->hashed_at_ns = cache->hashed_at_ns;
      out->own_write = cache->own_write;
      return true;
    }
  }

  md5_ctx ctx;
  md5_init(&ctx);
  for (const std::string& rel : rels) {
    if (!HashInto(rel.empty() ? path : path + "/" + rel, &ctx, err)) return false;
    ++files_read_;
  }
  out->md5 = FinishMd5(&ctx);
  return true;
}

}  // namespace wfgen
