#include "generator/ninja/weasel_lock.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <memory>

#include <nettle/md5.h>
#include <yaml-cpp/yaml.h>

#include "generator/project/yaml_tree.h"
#include "runtime/base/rooted_disk.h"
#include "runtime/state/fingerprint.h"
#include "runtime/state/layout.h"
#include "runtime/state/record.h"
#include "runtime/state/step_spec.h"

namespace wfgen {
namespace {

bool Md5Update(md5_ctx* ctx, const std::string& path, std::string* err) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *err = "cannot open " + path;
    return false;
  }
  std::unique_ptr<char[]> buf(new char[1 << 16]);
  ssize_t n;
  while ((n = read(fd, buf.get(), 1 << 16)) > 0) {
    md5_update(ctx, static_cast<size_t>(n), reinterpret_cast<const uint8_t*>(buf.get()));
  }
  close(fd);
  return n == 0;
}

std::vector<std::string> PathParts(const std::string& p) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (;;) {
    size_t slash = p.find('/', start);
    parts.push_back(
        p.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
    if (slash == std::string::npos) return parts;
    start = slash + 1;
  }
}

void ListFiles(Disk* disk, const std::string& root, const std::string& rel,
               std::vector<std::string>* out, std::vector<std::pair<uint64_t, uint64_t>>* seen) {
  std::vector<DirEntry> entries;
  std::string err;
  std::string dir = rel.empty() ? root : PathBelow(root, rel);
  if (!disk->ListDir(dir, &entries, &err)) return;
  for (const DirEntry& e : entries) {
    std::string child = rel.empty() ? e.name : rel + "/" + e.name;
    if (e.kind == FileKind::kFile) {
      out->push_back(child);
    } else if (e.kind == FileKind::kDir) {
      FileInfo info;
      if (!disk->Stat(PathBelow(root, child), &info, &err)) continue;
      std::pair<uint64_t, uint64_t> id(info.dev, info.ino);
      if (std::find(seen->begin(), seen->end(), id) != seen->end()) continue;
      seen->push_back(id);
      ListFiles(disk, root, child, out, seen);
    }
  }
}

std::string Hex(const uint8_t* digest, size_t n) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

// One lock entry list (deps or outs) against the paths as they are now
// (`project`: paths relative to the project directory).
bool ListMatches(const YAML::Node& entries, const std::vector<std::string>& paths, Disk* disk,
                 const RootedDisk& project) {
  if (!entries || !entries.IsSequence()) return paths.empty() && (!entries || entries.IsNull());
  if (entries.size() != paths.size()) return false;
  for (size_t i = 0; i < paths.size(); ++i) {
    const YAML::Node& e = entries[i];
    if (!e.IsMap() || !e["path"] || e["path"].as<std::string>() != paths[i]) return false;
    std::string recorded = e["md5"] && !e["md5"].IsNull() ? e["md5"].as<std::string>() : "";
    std::string now, err;
    std::string path = project.Resolve(paths[i]);
    FileInfo info;
    if (!disk->Stat(path, &info, &err)) return false;
    if (info.kind == FileKind::kFile || info.kind == FileKind::kDir) {
      if (!WeaselChecksum(disk, path, &now, &err)) return false;
    }
    if (now != recorded) return false;
  }
  return true;
}

// project.lock, read through the same limits as project.yml (size, depth,
// aliases, yaml-cpp's look-ahead) before yaml-cpp's node API sees it: the
// file comes with the project, from anywhere.
bool ReadLock(const std::string& lock_path, YAML::Node* lock, std::string* err) {
  std::string text;
  YNodePtr checked;
  Diagnostics diag;
  if (!ReadYamlFile(lock_path, YamlLimits(), &text, err)) {
    *err = lock_path + ": " + *err;
    return false;
  }
  if (!ParseYaml(text, YamlLimits(), &checked, &diag)) {
    const Diagnostic& d = diag.all().front();
    *err = lock_path + ":" + std::to_string(d.loc.line) + ":" + std::to_string(d.loc.col) + ": " +
           d.message;
    return false;
  }
  try {
    *lock = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    *err = lock_path + ": " + e.what();
    return false;
  }
  return true;
}

// A command as weasel's lock entry lists it.
struct LockedCommand {
  std::vector<std::string> script, deps, outs;
};

LockedCommand LockedCommandOf(const Command& c) {
  LockedCommand l;
  for (const Text& t : c.script) l.script.push_back(t.value);
  for (const Text& d : c.deps) l.deps.push_back(d.value);
  for (const Text& o : c.outputs) l.outs.push_back(o.value);
  for (const Text& o : c.outputs_no_cache) l.outs.push_back(o.value);
  return l;
}

// The check `weasel run` makes before it skips a command.
bool EntryMatches(const YAML::Node& entry, const LockedCommand& c, Disk* disk,
                  const RootedDisk& project) {
  try {
    std::vector<std::string> recorded_script;
    if (entry["script"] && entry["script"].IsSequence()) {
      for (const auto& l : entry["script"]) recorded_script.push_back(l.as<std::string>());
    }
    return recorded_script == c.script && ListMatches(entry["deps"], c.deps, disk, project) &&
           ListMatches(entry["outs"], c.outs, disk, project);
  } catch (const YAML::Exception&) {
    return false;
  }
}

// The record `wfgen-run` would have written after running `c` now.
bool WriteRecord(RootedDisk* project, const Command& c, const LockedCommand& locked,
                 std::string* err) {
  Fingerprinter fp(project, nullptr);
  Record record;
  record.script = ScriptHash(locked.script, c.shell);
  record.hashed_at_ns = fp.hashed_at_ns();
  return fp.TakeAll(locked.deps, &record.deps, err) && fp.TakeAll(locked.outs, &record.outs, err) &&
         project->MakeDirs(StateDir(), err) &&
         project->WriteFileAtomic(RecordPath(c.name.value), RenderRecord(record), err);
}

}  // namespace

bool WeaselChecksum(Disk* disk, const std::string& path, std::string* hex, std::string* err) {
  FileInfo info;
  if (!disk->Stat(path, &info, err)) return false;
  md5_ctx ctx;
  md5_init(&ctx);
  if (info.kind == FileKind::kFile) {
    if (!Md5Update(&ctx, path, err)) return false;
  } else if (info.kind == FileKind::kDir) {
    std::vector<std::string> files;
    std::vector<std::pair<uint64_t, uint64_t>> seen{{info.dev, info.ino}};
    ListFiles(disk, path, "", &files, &seen);
    // pathlib sorts paths part by part, not as strings.
    std::sort(files.begin(), files.end(), [](const std::string& a, const std::string& b) {
      return PathParts(a) < PathParts(b);
    });
    for (const std::string& f : files) {
      if (!Md5Update(&ctx, PathBelow(path, f), err)) return false;
    }
  } else {
    *err = path + " is not a file or directory";
    return false;
  }
  uint8_t digest[MD5_DIGEST_SIZE];
  md5_digest(&ctx, MD5_DIGEST_SIZE, digest);
  *hex = Hex(digest, MD5_DIGEST_SIZE);
  return true;
}

bool ImportWeaselLock(Disk* disk, const std::string& project_dir, const Project& project,
                      LockImport* stats, std::string* err) {
  RootedDisk in_project(disk, project_dir);
  FileInfo info;
  std::string ignored;
  if (!in_project.Stat("project.lock", &info, &ignored) || info.kind == FileKind::kMissing) {
    return true;
  }
  YAML::Node lock;
  if (!ReadLock(in_project.Resolve("project.lock"), &lock, err)) return false;
  if (!lock.IsMap()) return true;
  for (const Command& c : project.commands) {
    if (in_project.Stat(RecordPath(c.name.value), &info, &ignored) &&
        info.kind != FileKind::kMissing) {
      continue;
    }
    YAML::Node entry;
    try {
      entry = lock[c.name.value];
    } catch (const YAML::Exception&) {
      continue;
    }
    if (!entry || !entry.IsMap()) continue;
    LockedCommand locked = LockedCommandOf(c);
    if (!EntryMatches(entry, locked, disk, in_project)) {
      ++stats->stale;
      continue;
    }
    if (!WriteRecord(&in_project, c, locked, err)) return false;
    ++stats->imported;
  }
  return true;
}

}  // namespace wfgen
