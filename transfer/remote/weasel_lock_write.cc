#include "transfer/remote/weasel_lock_write.h"

#include <yaml-cpp/yaml.h>

#include "runtime/state/weasel_checksum.h"

namespace wfgen {
namespace {

bool FileInfoList(Disk* disk, const std::string& project_dir, const std::vector<std::string>& paths,
                  YAML::Node* list, std::string* err) {
  for (const std::string& p : paths) {
    YAML::Node item(YAML::NodeType::Map);
    item["path"] = p;
    std::string full = JoinPath(project_dir, p);
    FileInfo info;
    if (!disk->Stat(full, &info, err)) return false;
    if (info.kind == FileKind::kMissing) {
      item["md5"] = YAML::Node(YAML::NodeType::Null);
    } else {
      std::string md5;
      if (!WeaselChecksum(disk, full, &md5, err)) return false;
      item["md5"] = md5;
    }
    list->push_back(item);
  }
  return true;
}

}  // namespace

bool WriteWeaselLockEntries(Disk* disk, const std::string& project_dir,
                            const std::vector<RemoteCommand>& commands,
                            const std::vector<std::string>& names, std::string* err) {
  std::string path = JoinPath(project_dir, "project.lock");
  YAML::Node data(YAML::NodeType::Map);
  FileInfo info;
  if (!disk->Stat(path, &info, err)) return false;
  if (info.kind == FileKind::kFile) {
    std::string text;
    if (!disk->ReadFile(path, &text, err)) return false;
    try {
      YAML::Node loaded = YAML::Load(text);
      if (loaded.IsMap()) data = loaded;
    } catch (const YAML::Exception& e) {
      *err = path + ": " + e.what() + " (remove it and run again)";
      return false;
    }
  }
  for (const std::string& name : names) {
    for (const RemoteCommand& cmd : commands) {
      if (cmd.name != name) continue;
      YAML::Node entry(YAML::NodeType::Map);
      entry["cmd"] = "python -m weasel run " + cmd.name;
      YAML::Node script(YAML::NodeType::Sequence);
      for (const std::string& line : cmd.script) script.push_back(line);
      entry["script"] = script;
      YAML::Node deps(YAML::NodeType::Sequence), outs(YAML::NodeType::Sequence);
      if (!FileInfoList(disk, project_dir, cmd.deps, &deps, err) ||
          !FileInfoList(disk, project_dir, cmd.outputs, &outs, err) ||
          !FileInfoList(disk, project_dir, cmd.outputs_no_cache, &outs, err)) {
        return false;
      }
      entry["deps"] = deps;
      entry["outs"] = outs;
      data[name] = entry;
    }
  }
  YAML::Emitter emit;
  emit << data;
  return disk->WriteFileAtomic(path, std::string(emit.c_str()) + "\n", err);
}

}  // namespace wfgen
