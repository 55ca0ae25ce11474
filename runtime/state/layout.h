// Where wfgen keeps its files: the `.wfgen/` layout in one place
// (docs/design.md, "Where state lives", has the table and the why).
//
// Two roots. The *project's* `.wfgen/` holds what describes the project's
// files and who is using them: records, failed-run notes, logs, locks and
// pool slots; its paths are relative to the project directory. A *build
// directory's* meta dir (`.wfgen`, or `.wfgen/NAME` for a file embedded
// with `--embed NAME`) holds what one generated Ninja file needs: step
// specs, group files, stamps, run state and settings; its paths are
// relative to the build directory and start with the meta dir.
#pragma once

#include <string>

namespace wfgen {

// The directory's name.
constexpr char kWfgenDir[] = ".wfgen";

// True for `.wfgen` and every path inside it (names that would clash with
// wfgen's own files).
bool IsInsideWfgenDir(const std::string& path);

// --- the project's `.wfgen/` (relative to the project directory)
std::string StateDir();                                // .wfgen/state
std::string LogsDir();                                 // .wfgen/logs
std::string SlotsDir();                                // .wfgen/slots
// The command list a step hands to `wfgen-transfer push|pull` (remote_cache).
std::string RemoteListsDir();                          // .wfgen/remote
std::string RemoteListPath(const std::string& command);
std::string LocksDir(const std::string& project_dir);  // PROJECT/.wfgen/locks
// A command's record of its last success, its last failed run, its log.
std::string RecordPath(const std::string& command);
std::string FailedRunPath(const std::string& command);
std::string LogPath(const std::string& command);

// --- a build directory's meta dir (relative to the build directory)
// `.wfgen`, or `.wfgen/NAME` for an embedded file.
std::string MetaDir(const std::string& embed);
std::string StampsDir(const std::string& meta);
std::string StampPath(const std::string& meta, const std::string& key);
std::string RanPath(const std::string& meta, const std::string& key);
std::string StepSpecPath(const std::string& meta, const std::string& command);
std::string GroupFilePath(const std::string& meta, const std::string& group_key);
std::string GroupRunDir(const std::string& meta, const std::string& group_key);
// The phony input that never exists: steps that always run depend on it.
std::string AlwaysPath(const std::string& meta);
std::string SettingsPath(const std::string& meta);

}  // namespace wfgen
