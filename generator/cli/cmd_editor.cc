// `wfgen editor vscode [DIR]`: editor build tasks for the project in DIR.
#include <cstdio>

#include "generator/cli/commands.h"
#include "generator/ninja/generate.h"
#include "generator/tools/vscode_tasks.h"
#include "runtime/base/disk.h"
#include "runtime/base/paths.h"

namespace wfgen {
namespace {

const char kUsage[] =
    "usage: wfgen editor vscode [DIR]\n"
    "\n"
    "Writes DIR/.vscode/tasks.json (DIR: the project directory, default .) with a\n"
    "task per workflow and per command of DIR/project.yml, each running\n"
    "`wfgen run NAME`; `wfgen: all` is the default build task (Ctrl+Shift+B), and\n"
    "errors in project.yml show up in the Problems panel at their line.\n"
    "\n"
    "An existing tasks.json is merged: only the tasks wfgen wrote before are\n"
    "replaced; your other tasks, keys and comments stay as they are.\n"
    "\n"
    "examples:\n"
    "  wfgen editor vscode            the project in the current directory\n"
    "  wfgen editor vscode nlp        nlp/project.yml -> nlp/.vscode/tasks.json\n";

int Vscode(const std::string& dir) {
  GenerateOptions options;
  options.project_file = dir == "." ? "project.yml" : JoinPath(dir, "project.yml");
  Workspace ws;
  if (int rc = OpenWorkspace(options, &ws)) return rc;

  std::string path = JoinPath(dir == "." ? "" : dir, ".vscode/tasks.json");
  RealDisk disk;
  FileInfo info;
  std::string existing, err;
  if (disk.Stat(path, &info, &err) && info.kind != FileKind::kMissing &&
      !ReadWholeFile(path, &existing, &err)) {
    fprintf(stderr, "%s: error: cannot read it (%s)\n", path.c_str(), err.c_str());
    return 2;
  }
  TasksResult result;
  JsonError jerr;
  if (!MergeVscodeTasks(existing, EditorTargets(ws.project()), &result, &jerr)) {
    fprintf(stderr, "%s:%d:%d: error: %s\nwfgen: %s was left as it was\n", path.c_str(), jerr.line,
            jerr.column, jerr.message.c_str(), path.c_str());
    return 2;
  }
  if (!WriteIfChanged(path, result.text, &err)) {
    fprintf(stderr, "wfgen: cannot write %s: %s\n", path.c_str(), err.c_str());
    return 1;
  }
  for (const std::string& n : result.notes) printf("note: %s\n", n.c_str());
  printf("wrote %s: %d wfgen task%s", path.c_str(), result.written, result.written == 1 ? "" : "s");
  if (result.kept > 0) printf(", kept %d of yours", result.kept);
  printf("\n");
  return 0;
}

}  // namespace

int EditorCommand(const std::vector<std::string>& args) {
  if (args.empty() || args[0] == "-h" || args[0] == "--help") {
    fputs(kUsage, args.empty() ? stderr : stdout);
    return args.empty() ? 2 : 0;
  }
  if (args[0] != "vscode") {
    fprintf(stderr, "wfgen editor: unknown editor '%s'; wfgen writes tasks for: vscode\n",
            args[0].c_str());
    return 2;
  }
  std::string dir = ".";
  for (size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "-h" || args[i] == "--help") {
      fputs(kUsage, stdout);
      return 0;
    }
    if (!args[i].empty() && args[i][0] == '-') {
      fprintf(stderr, "wfgen editor: unknown option '%s'\n\n%s", args[i].c_str(), kUsage);
      return 2;
    }
    if (i > 1) {
      fprintf(stderr, "wfgen editor: unexpected argument '%s'\n\n%s", args[i].c_str(), kUsage);
      return 2;
    }
    dir = args[i];
  }
  return Vscode(dir);
}

}  // namespace wfgen
