// `wfgen editor vscode [DIR]`: editor build tasks for the project in DIR.
#include <cstdio>

#include "generator/cli/commands.h"
#include "generator/ninja/generate.h"
#include "generator/tools/vscode_tasks.h"
#include "runtime/base/disk.h"
#include "runtime/base/messages.h"
#include "runtime/base/paths.h"

namespace wfgen {
namespace {

int Vscode(Disk* disk, const std::string& dir) {
  GenerateOptions options;
  options.project_file = dir == "." ? "project.yml" : JoinPath(dir, "project.yml");
  Workspace ws;
  if (int rc = OpenWorkspace(disk, options, &ws)) return rc;

  std::string path = JoinPath(dir == "." ? "" : dir, ".vscode/tasks.json");
  FileInfo info;
  std::string existing, err;
  if (disk->Stat(path, &info, &err) && info.kind != FileKind::kMissing &&
      !disk->ReadFile(path, &existing, &err)) {
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
  if (!WriteIfChanged(disk, path, result.text, &err)) {
    PrintError("cannot write " + path + ": " + err);
    return 1;
  }
  for (const std::string& n : result.notes) printf("note: %s\n", n.c_str());
  printf("wrote %s: %d wfgen task%s", path.c_str(), result.written, result.written == 1 ? "" : "s");
  if (result.kept > 0) printf(", kept %d of yours", result.kept);
  printf("\n");
  return 0;
}

}  // namespace

int EditorCommand(const CommandContext& ctx) {
  const ParsedArgs& args = ctx.args;
  if (args.positional[0] != "vscode") {
    PrintError("unknown editor '" + args.positional[0] + "'; wfgen writes tasks for: vscode");
    return 2;
  }
  return Vscode(ctx.disk, args.positional.size() > 1 ? args.positional[1] : ".");
}

}  // namespace wfgen
