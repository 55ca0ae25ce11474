#include "transfer/md5_checksum.h"

namespace wfgen {

bool Md5Checksummer::Checksum(const std::string& path, const ChecksumCache* cache,
                              ChecksumCache* out, std::string* err) {
  *out = ChecksumCache();
  out->hashed_at_ns = disk_->NowNs();
  FileInfo info;
  std::vector<std::string> rels;
  if (!WeaselChecksumFiles(disk_, path, &info, &rels, err)) return false;
  for (const std::string& rel : rels) {
    FileInfo fi;
    if (rel.empty()) {
      fi = info;
    } else if (!disk_->Stat(JoinPath(path, rel), &fi, err)) {
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

  if (!Md5OfFiles(disk_, path, rels, &out->md5, err)) return false;
  files_read_ += static_cast<int>(rels.size());
  return true;
}

}  // namespace wfgen
