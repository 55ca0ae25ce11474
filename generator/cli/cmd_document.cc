// `wfgen document [PROJECT] [-o FILE]`
#include <cstdio>

#include "generator/cli/commands.h"
#include "generator/ninja/generate.h"
#include "generator/tools/document.h"
#include "runtime/base/disk.h"
#include "runtime/base/messages.h"

namespace wfgen {
namespace {

// Where AssetExists looks.
struct AssetDir {
  Disk* disk;
  const std::string& project_dir;
};

bool AssetExists(const std::string& dest, const void* where) {
  const AssetDir& dir = *static_cast<const AssetDir*>(where);
  FileInfo info;
  std::string err;
  return dir.disk->Stat(JoinPath(dir.project_dir, dest), &info, &err) &&
         info.kind != FileKind::kMissing;
}

}  // namespace

int DocumentCommand(const CommandContext& ctx) {
  std::string output = ctx.args.Get("-o");
  GenerateOptions gen;
  Settings in_force;
  Workspace ws;
  if (int rc = LoadForCommand(ctx, 0, &gen, &in_force, &ws)) return rc;
  AssetDir assets{ctx.disk, ws.project_dir};
  std::string section = RenderProjectDocs(ws.project(), ws.plan.parallelism, AssetExists, &assets);
  if (output.empty() || output == "-") {
    fputs(section.c_str(), stdout);
    return 0;
  }
  std::string existing, err;
  ctx.disk->ReadFile(output, &existing, &err);
  DocsMerge how;
  std::string merged = MergeProjectDocs(existing, section, &how);
  if (how == DocsMerge::kIgnored) {
    fprintf(stderr, "wfgen document: %s has an IGNORE marker; left as it is\n", output.c_str());
    return 0;
  }
  if (!WriteIfChanged(ctx.disk, output, merged, &err)) {
    PrintError("cannot write " + output + ": " + err);
    return 1;
  }
  fprintf(stderr, "wfgen document: %s %s\n",
          how == DocsMerge::kReplacedSection ? "updated the generated section of" : "wrote",
          output.c_str());
  return 0;
}

}  // namespace wfgen
