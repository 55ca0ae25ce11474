#include "generator/ninja/weasel_lock.h"

#include <yaml-cpp/yaml.h>

#include "generator/project/yaml_tree.h"
#include "runtime/base/rooted_disk.h"
#include "runtime/state/fingerprint.h"
#include "runtime/state/layout.h"
#include "runtime/state/record.h"
#include "runtime/state/step_spec.h"
#include "runtime/state/weasel_checksum.h"

namespace wfgen {
namespace {

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
