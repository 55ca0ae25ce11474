#include "runtime/base/disk_fake.h"

#include <algorithm>

namespace wfgen {
namespace {

// The real file system accepts "dir/" and "./x"; so does the fake.
std::string Norm(std::string p) {
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  while (p.compare(0, 2, "./") == 0) p.erase(0, 2);
  return p;
}

}  // namespace

std::string FakeDisk::Key(const std::string& raw_path) const {
  if (cwd_.empty() || (!raw_path.empty() && raw_path[0] == '/')) return Norm(raw_path);
  std::string p = Norm(raw_path);
  return p.empty() || p == "." ? cwd_ : Norm(JoinPath(cwd_, p));
}

void FakeDisk::EnsureParents(const std::string& path) {
  std::string dir = DirName(path);
  if (dir.empty() || dir == "/" || entries_.count(dir)) return;
  EnsureParents(dir);
  Entry e;
  e.is_dir = true;
  e.mtime_ns = e.ctime_ns = now_ns_;
  e.ino = next_ino_++;
  entries_[dir] = e;
}

void FakeDisk::Write(const std::string& raw_path, const std::string& contents) {
  const std::string path = Key(raw_path);
  changed.push_back(path);
  EnsureParents(path);
  Entry& e = entries_[path];
  bool created = e.ino == 0;
  if (created) e.ino = next_ino_++;
  e.is_dir = false;
  e.contents = contents;
  e.mtime_ns = e.ctime_ns = now_ns_;
  std::string dir = DirName(path);
  if (created && entries_.count(dir)) entries_[dir].mtime_ns = now_ns_;
}

void FakeDisk::Mkdir(const std::string& path) {
  std::string err;
  MakeDirs(path, &err);
}

void FakeDisk::Remove(const std::string& raw_path) {
  const std::string path = Key(raw_path);
  changed.push_back(path);
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (it->first == path || it->first.compare(0, path.size() + 1, path + "/") == 0) {
      it = entries_.erase(it);
    } else {
      ++it;
    }
  }
  std::string dir = DirName(path);
  if (entries_.count(dir)) entries_[dir].mtime_ns = now_ns_;
}

void FakeDisk::TouchNow(const std::string& raw_path) {
  const std::string path = Key(raw_path);
  auto it = entries_.find(path);
  if (it == entries_.end()) return;
  changed.push_back(path);
  it->second.mtime_ns = it->second.ctime_ns = now_ns_;
}

std::string FakeDisk::Contents(const std::string& raw_path) const {
  const std::string path = Key(raw_path);
  auto it = entries_.find(path);
  return it == entries_.end() ? std::string() : it->second.contents;
}

int64_t FakeDisk::Mtime(const std::string& raw_path) const {
  const std::string path = Key(raw_path);
  auto it = entries_.find(path);
  return it == entries_.end() ? 0 : it->second.mtime_ns;
}

bool FakeDisk::Stat(const std::string& raw_path, FileInfo* info, std::string* err) {
  const std::string path = Key(raw_path);
  ++stat_calls;
  *info = FileInfo();
  auto it = entries_.find(path);
  if (it == entries_.end()) return true;
  info->kind = it->second.is_dir ? FileKind::kDir : FileKind::kFile;
  info->size = it->second.contents.size();
  info->mtime_ns = it->second.mtime_ns;
  info->ctime_ns = it->second.ctime_ns;
  info->ino = it->second.ino;
  info->dev = 1;
  info->mode = it->second.mode ? it->second.mode : it->second.is_dir ? 0755 : 0644;
  return true;
}

bool FakeDisk::ReadFile(const std::string& raw_path, std::string* contents, std::string* err) {
  const std::string path = Key(raw_path);
  auto it = entries_.find(path);
  if (it == entries_.end() || it->second.is_dir) {
    *err = "cannot open " + path + ": No such file or directory";
    return false;
  }
  *contents = it->second.contents;
  return true;
}

void FakeDisk::Append(const std::string& path, const std::string& bytes) {
  Write(path, Contents(path) + bytes);
}

bool FakeDisk::HashFile(const std::string& path, Hash128* hash, std::string* err) {
  ++hash_calls;
  std::string contents;
  if (!ReadFile(path, &contents, err)) return false;
  *hash = HashBytes(contents);
  return true;
}

bool FakeDisk::StreamFile(const std::string& path, const ChunkSink& sink, std::string* err) {
  ++stream_calls;
  std::string contents;
  if (!ReadFile(path, &contents, err)) return false;
  if (!contents.empty()) sink(contents.data(), contents.size());
  return true;
}

bool FakeDisk::ListDir(const std::string& raw_path, std::vector<DirEntry>* out, std::string* err) {
  const std::string path = Key(raw_path);
  out->clear();
  std::string prefix = path.empty() || path == "." ? "" : path + "/";
  for (auto& [name, e] : entries_) {
    if (name.compare(0, prefix.size(), prefix) != 0 || name.size() == prefix.size()) continue;
    std::string rest = name.substr(prefix.size());
    if (rest.find('/') != std::string::npos) continue;
    out->push_back(DirEntry{rest, e.is_dir ? FileKind::kDir : FileKind::kFile});
  }
  if (list_reversed) std::reverse(out->begin(), out->end());
  return true;
}

bool FakeDisk::WriteFileAtomic(const std::string& path, const std::string& contents,
                               std::string* err) {
  Write(path, contents);
  return true;
}

bool FakeDisk::WriteNewFile(const std::string& path, const std::string& contents,
                            std::string* err) {
  if (Exists(Norm(path))) {
    *err = "cannot create " + path + ": File exists";
    return false;
  }
  Write(path, contents);
  return true;
}

bool FakeDisk::MakeDirs(const std::string& raw_path, std::string* err) {
  const std::string path = Key(raw_path);
  if (path.empty() || path == ".") return true;
  auto it = entries_.find(path);
  if (it != entries_.end()) {
    if (it->second.is_dir) return true;
    *err = "cannot create directory " + path + ": a file is in the way";
    return false;
  }
  EnsureParents(path);
  Entry e;
  e.is_dir = true;
  e.mtime_ns = e.ctime_ns = now_ns_;
  e.ino = next_ino_++;
  entries_[path] = e;
  return true;
}

bool FakeDisk::SetMtime(const std::string& raw_path, int64_t mtime_ns, std::string* err) {
  const std::string path = Key(raw_path);
  auto it = entries_.find(path);
  if (it == entries_.end()) {
    *err = "cannot set mtime of " + path + ": No such file or directory";
    return false;
  }
  changed.push_back(path);
  it->second.mtime_ns = mtime_ns;
  it->second.ctime_ns = now_ns_;  // as on a real file system
  return true;
}

bool FakeDisk::SetMode(const std::string& raw_path, uint32_t mode, std::string* err) {
  const std::string path = Key(raw_path);
  auto it = entries_.find(path);
  if (it == entries_.end()) {
    *err = "cannot change the mode of " + path + ": No such file or directory";
    return false;
  }
  changed.push_back(path);
  it->second.mode = mode;
  it->second.ctime_ns = now_ns_;
  return true;
}

bool FakeDisk::Touch(const std::string& path, std::string* err) {
  if (entries_.count(Key(path))) {
    TouchNow(path);
  } else {
    Write(path, "");
  }
  return true;
}

bool FakeDisk::RemoveFile(const std::string& raw_path, std::string* err) {
  const std::string path = Key(raw_path);
  if (entries_.erase(path)) changed.push_back(path);
  return true;
}

}  // namespace wfgen
