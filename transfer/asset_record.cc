#include "transfer/asset_record.h"

#include <cstdlib>

#include "runtime/base/line_format.h"
#include "runtime/state/weasel_checksum.h"

namespace wfgen {
namespace {

const char kMagic[] = "wfgen-asset-record 1";

bool ParseInt(std::string_view s, int64_t* out) {
  std::string copy(s);
  char* end = nullptr;
  long long v = strtoll(copy.c_str(), &end, 10);
  if (copy.empty() || *end != '\0') return false;
  *out = v;
  return true;
}

bool ParseKey(const std::vector<std::string_view>& f, StatKey* key) {
  int64_t size, mtime, ctime, ino;
  if (!ParseInt(f[0], &size) || !ParseInt(f[1], &mtime) || !ParseInt(f[2], &ctime) ||
      !ParseInt(f[3], &ino)) {
    return false;
  }
  *key = {static_cast<uint64_t>(size), mtime, ctime, static_cast<uint64_t>(ino)};
  return true;
}

}  // namespace

std::string RecordPath(const std::string& state_dir, const std::string& dest) {
  return JoinPath(JoinPath(state_dir, "assets"), Md5Hex(dest));
}

std::string RenderAssetRecord(const AssetRecord& r) {
  std::string out = std::string(kMagic) + "\n";
  auto field = [&out](const char* key, const std::string& value) {
    if (!value.empty()) out += std::string(key) + " " + EscapeField(value) + "\n";
  };
  field("dest", r.dest);
  field("url", r.url);
  field("repo", r.repo);
  field("branch", r.branch);
  field("path", r.path);
  field("commit", r.commit);
  if (!r.content.empty()) {
    out += "md5 " + r.content.md5 + "\n";
    out += "hashed_at " + std::to_string(r.content.hashed_at_ns) + "\n";
    if (r.content.own_write) out += "own_write 1\n";
    for (const ChecksumCache::Entry& e : r.content.files) {
      out += "file " + std::to_string(e.key.size) + " " + std::to_string(e.key.mtime_ns) + " " +
             std::to_string(e.key.ctime_ns) + " " + std::to_string(e.key.ino) + " " +
             EscapeField(e.rel) + "\n";
    }
  }
  return out + "end\n";
}

bool ParseAssetRecord(const std::string& text, AssetRecord* r, std::string* err) {
  *r = AssetRecord();
  std::vector<KeyValue> kvs = SplitKeyValues(text);
  if (kvs.empty() || std::string(kvs[0].key) + " " + std::string(kvs[0].value) != kMagic) {
    *err = "not an asset record";
    return false;
  }
  if (kvs.back().key != "end") {
    *err = "truncated asset record";
    return false;
  }
  for (size_t i = 1; i + 1 < kvs.size(); ++i) {
    std::string_view key = kvs[i].key;
    std::string value;
    std::string* target = key == "dest"     ? &r->dest
                          : key == "url"    ? &r->url
                          : key == "repo"   ? &r->repo
                          : key == "branch" ? &r->branch
                          : key == "path"   ? &r->path
                          : key == "commit" ? &r->commit
                                            : nullptr;
    if (target) {
      if (!UnescapeField(kvs[i].value, target)) {
        *err = "bad escape in " + std::string(key);
        return false;
      }
    } else if (key == "md5") {
      r->content.md5 = std::string(kvs[i].value);
    } else if (key == "hashed_at") {
      if (!ParseInt(kvs[i].value, &r->content.hashed_at_ns)) {
        *err = "bad hashed_at";
        return false;
      }
    } else if (key == "own_write") {
      r->content.own_write = kvs[i].value == "1";
    } else if (key == "file") {
      std::vector<std::string_view> f = SplitFields(kvs[i].value, 5);
      ChecksumCache::Entry e;
      if (f.size() != 5 || !ParseKey(f, &e.key) || !UnescapeField(f[4], &e.rel)) {
        *err = "bad file line";
        return false;
      }
      r->content.files.push_back(e);
    } else {
      *err = "unknown key " + std::string(key);
      return false;
    }
  }
  return true;
}

bool LoadAssetRecord(Disk* disk, const std::string& state_dir, const std::string& dest,
                     AssetRecord* r, bool* found, std::string* err) {
  *found = false;
  std::string path = RecordPath(state_dir, dest);
  FileInfo info;
  if (!disk->Stat(path, &info, err)) return false;
  if (info.kind != FileKind::kFile) return true;
  std::string text;
  if (!disk->ReadFile(path, &text, err)) return false;
  std::string parse_err;
  // A record for another dest (a hash collision, a copied state dir) is no
  // record of this one.
  *found = ParseAssetRecord(text, r, &parse_err) && r->dest == dest;
  if (!*found) *r = AssetRecord();
  return true;
}

bool SaveAssetRecord(Disk* disk, const std::string& state_dir, const AssetRecord& r,
                     std::string* err) {
  std::string path = RecordPath(state_dir, r.dest);
  return disk->MakeDirs(DirName(path), err) &&
         disk->WriteFileAtomic(path, RenderAssetRecord(r), err);
}

}  // namespace wfgen
