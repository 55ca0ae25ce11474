#include "runtime/state/weasel_checksum.h"

#include <algorithm>

#include "runtime/base/hex.h"

namespace wfgen {
namespace {

// rglob("*") filtered by is_file(), below `dir` (`rel` from the top),
// each directory's names sorted: sorted()'s part-by-part order.
bool Walk(Disk* disk, const std::string& dir, const std::string& rel,
          std::vector<std::string>* files, std::string* err) {
  std::vector<DirEntry> entries;
  if (!disk->ListDir(dir, &entries, err)) return false;
  std::sort(entries.begin(), entries.end(),
            [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
  for (const DirEntry& e : entries) {
    std::string child = JoinPath(rel, e.name);
    if (e.kind == FileKind::kFile) {
      files->push_back(std::move(child));
    } else if (e.kind == FileKind::kDir && !e.symlink) {
      if (!Walk(disk, JoinPath(dir, e.name), child, files, err)) return false;
    }
  }
  return true;
}

}  // namespace

std::string FinishMd5(md5_ctx* ctx) {
  uint8_t digest[MD5_DIGEST_SIZE];
  md5_digest(ctx, MD5_DIGEST_SIZE, digest);
  return HexLower(digest, MD5_DIGEST_SIZE);
}

std::string Md5Hex(std::string_view bytes) {
  md5_ctx ctx;
  md5_init(&ctx);
  md5_update(&ctx, bytes.size(), reinterpret_cast<const uint8_t*>(bytes.data()));
  return FinishMd5(&ctx);
}

bool WeaselChecksumFiles(Disk* disk, const std::string& path, FileInfo* info,
                         std::vector<std::string>* files, std::string* err) {
  files->clear();
  if (!disk->Stat(path, info, err)) return false;
  if (info->kind == FileKind::kFile) {
    files->push_back("");
    return true;
  }
  if (info->kind == FileKind::kDir) return Walk(disk, path, "", files, err);
  *err = "cannot get the checksum of " + path + ": not a file or directory";
  return false;
}

bool Md5OfFiles(Disk* disk, const std::string& path, const std::vector<std::string>& files,
                std::string* hex, std::string* err) {
  md5_ctx ctx;
  md5_init(&ctx);
  auto sink = [&ctx](const char* data, size_t n) {
    md5_update(&ctx, n, reinterpret_cast<const uint8_t*>(data));
  };
  for (const std::string& f : files) {
    if (!disk->StreamFile(f.empty() ? path : JoinPath(path, f), sink, err)) return false;
  }
  *hex = FinishMd5(&ctx);
  return true;
}

bool WeaselChecksum(Disk* disk, const std::string& path, std::string* hex, std::string* err) {
  FileInfo info;
  std::vector<std::string> files;
  return WeaselChecksumFiles(disk, path, &info, &files, err) &&
         Md5OfFiles(disk, path, files, hex, err);
}

}  // namespace wfgen
