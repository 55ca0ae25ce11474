#include "runtime/state/fingerprint.h"

#include <algorithm>

#include <xxhash.h>

namespace wfgen {
namespace {

void AppendU64(std::string* s, uint64_t v) {
  for (int i = 0; i < 8; ++i) s->push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

}  // namespace

std::string PathBelow(const std::string& dir, const std::string& rel) {
  if (!dir.empty() && dir.back() == '/') return dir + rel;
  return dir + "/" + rel;
}

Hash128 ScriptHash(const std::vector<std::string>& lines, bool shell) {
  std::string buf = shell ? "shell\n" : "exec\n";
  for (auto& l : lines) {
    AppendU64(&buf, l.size());
    buf += l;
  }
  return HashBytes(buf);
}

std::string ChildPath(const PathState& dir, const FileState& child) {
  return PathBelow(dir.path, child.rel);
}

Fingerprinter::Fingerprinter(Disk* disk, const Record* cache)
    : disk_(disk), hashed_at_ns_(disk->NowNs()) {
  if (!cache) return;
  trust_before_ns_ = cache->hashed_at_ns - kRacyMarginNs;
  for (auto* list : {&cache->deps, &cache->outs}) {
    for (const PathState& p : *list) {
      if (p.kind == FileKind::kFile) cache_[p.path] = &p.self;
      if (p.kind == FileKind::kDir) {
        for (const FileState& c : p.children) cache_[ChildPath(p, c)] = &c;
      }
    }
  }
}

bool Fingerprinter::HashOneFile(const std::string& full, const FileInfo& info, FileState* out,
                                std::string* err) {
  out->size = info.size;
  out->mtime_ns = info.mtime_ns;
  out->ctime_ns = info.ctime_ns;
  out->ino = info.ino;
  auto it = cache_.find(full);
  if (it != cache_.end() && it->second->SameKey(info) && info.mtime_ns < trust_before_ns_ &&
      info.ctime_ns < trust_before_ns_) {
    out->hash = it->second->hash;
    ++files_reused_;
    return true;
  }
  ++files_hashed_;
  return disk_->HashFile(full, &out->hash, err);
}

bool Fingerprinter::WalkDir(const std::string& root, const std::string& rel,
                            std::vector<FileState>* files,
                            std::vector<std::pair<uint64_t, uint64_t>>* seen, std::string* err) {
  std::string dir = rel.empty() ? root : PathBelow(root, rel);
  std::vector<DirEntry> entries;
  if (!disk_->ListDir(dir, &entries, err)) return false;
  for (const DirEntry& e : entries) {
    std::string child_rel = rel.empty() ? e.name : rel + "/" + e.name;
    std::string full = PathBelow(root, child_rel);
    if (e.kind == FileKind::kDir && e.symlink) {
      // Like weasel (Path.rglob), do not descend into linked directories:
      // a link to `..` would otherwise take in the whole project, wfgen's
      // own changing files included, and the step would never be up to
      // date. Linked files are read through the link.
      continue;
    }
    if (e.kind == FileKind::kDir) {
      // A loop (a bind mount) would walk forever: visit each directory once.
      FileInfo info;
      if (!disk_->Stat(full, &info, err)) return false;
      std::pair<uint64_t, uint64_t> id(info.dev, info.ino);
      if (std::find(seen->begin(), seen->end(), id) != seen->end()) continue;
      seen->push_back(id);
      if (!WalkDir(root, child_rel, files, seen, err)) return false;
    } else if (e.kind == FileKind::kFile) {
      FileInfo info;
      if (!disk_->Stat(full, &info, err)) return false;
      if (info.kind != FileKind::kFile) continue;  // vanished or replaced meanwhile
      FileState f;
      f.rel = child_rel;
      if (!HashOneFile(full, info, &f, err)) return false;
      files->push_back(std::move(f));
    }
    // Sockets, FIFOs and dangling symlinks have no content; weasel skips
    // them too (Path.is_file() is false).
  }
  return true;
}

bool Fingerprinter::Take(const std::string& path, PathState* out, std::string* err) {
  *out = PathState();
  out->path = path;
  FileInfo info;
  if (!disk_->Stat(path, &info, err)) return false;
  out->kind = info.kind;
  out->self.size = info.size;
  out->self.mtime_ns = info.mtime_ns;
  out->self.ctime_ns = info.ctime_ns;
  out->self.ino = info.ino;
  if (info.kind == FileKind::kFile) {
    if (!HashOneFile(path, info, &out->self, err)) return false;
    out->hash = out->self.hash;
  } else if (info.kind == FileKind::kDir) {
    std::vector<std::pair<uint64_t, uint64_t>> seen{{info.dev, info.ino}};
    if (!WalkDir(path, "", &out->children, &seen, err)) return false;
    std::sort(out->children.begin(), out->children.end(),
              [](const FileState& a, const FileState& b) { return a.rel < b.rel; });
    std::string buf;
    buf.reserve(out->children.size() * 48);
    for (const FileState& c : out->children) {
      buf += c.rel;
      buf.push_back('\0');
      AppendU64(&buf, c.hash.hi);
      AppendU64(&buf, c.hash.lo);
    }
    out->hash = HashBytes(buf);
    // An empty directory and a missing path must not look alike.
    if (out->children.empty()) out->hash.lo ^= 1;
  }
  return true;
}

bool Fingerprinter::TakeAll(const std::vector<std::string>& paths, std::vector<PathState>* out,
                            std::string* err) {
  out->clear();
  out->resize(paths.size());
  for (size_t i = 0; i < paths.size(); ++i) {
    if (!Take(paths[i], &(*out)[i], err)) return false;
  }
  return true;
}

}  // namespace wfgen
