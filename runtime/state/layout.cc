#include "runtime/state/layout.h"

#include "runtime/base/disk.h"
#include "runtime/state/step_spec.h"

namespace wfgen {

bool IsInsideWfgenDir(const std::string& path) {
  const std::string dir = kWfgenDir;
  return path == dir || path.compare(0, dir.size() + 1, dir + "/") == 0;
}

std::string StateDir() { return std::string(kWfgenDir) + "/state"; }
std::string LogsDir() { return std::string(kWfgenDir) + "/logs"; }
std::string SlotsDir() { return std::string(kWfgenDir) + "/slots"; }
std::string RemoteListsDir() { return std::string(kWfgenDir) + "/remote"; }

std::string RemoteListPath(const std::string& command) {
  return RemoteListsDir() + "/" + FileSafeName(command) + ".cmds";
}

std::string LocksDir(const std::string& project_dir) {
  return JoinPath(project_dir, std::string(kWfgenDir) + "/locks");
}

std::string RecordPath(const std::string& command) {
  return StateDir() + "/" + FileSafeName(command) + ".rec";
}

std::string FailedRunPath(const std::string& command) {
  return StateDir() + "/" + FileSafeName(command) + ".failed";
}

std::string LogPath(const std::string& command) {
  return LogsDir() + "/" + FileSafeName(command) + ".log";
}

std::string MetaDir(const std::string& embed) {
  return embed.empty() ? kWfgenDir : std::string(kWfgenDir) + "/" + FileSafeName(embed);
}

std::string StampsDir(const std::string& meta) { return meta + "/stamps"; }

std::string StampPath(const std::string& meta, const std::string& key) {
  return StampsDir(meta) + "/" + key;
}

std::string RanPath(const std::string& meta, const std::string& key) {
  return meta + "/ran/" + key;
}

std::string StepSpecPath(const std::string& meta, const std::string& command) {
  return meta + "/steps/" + FileSafeName(command) + ".step";
}

std::string GroupFilePath(const std::string& meta, const std::string& group_key) {
  return meta + "/groups/" + group_key;
}

std::string GroupRunDir(const std::string& meta, const std::string& group_key) {
  return meta + "/run/" + group_key;
}

std::string AlwaysPath(const std::string& meta) { return meta + "/always"; }

std::string SettingsPath(const std::string& meta) { return meta + "/settings"; }

}  // namespace wfgen
