// `wfgen document [PROJECT] [-o FILE]`
#include <cstdio>

#include "generator/cli/commands.h"
#include "generator/ninja/generate.h"
#include "generator/tools/document.h"
#include "runtime/base/disk.h"

namespace wfgen {
namespace {

const char kUsage[] =
    "usage: wfgen document [PROJECT] [-o FILE] [--vars.NAME=VALUE ...]\n"
    "\n"
    "Writes the Markdown documentation of a project's commands, workflows and\n"
    "assets, like `weasel document`. With -o, the section between the\n"
    "AUTO-GENERATED DOCS markers of FILE is replaced in place (markers written by\n"
    "weasel or spaCy are recognised), the rest of FILE is kept; a file with an\n"
    "IGNORE marker is left alone. Without -o, the section goes to stdout.\n"
    "\n"
    "examples:\n"
    "  wfgen document -o README.md\n"
    "  wfgen document nlp > docs/nlp.md\n";

bool AssetExists(const std::string& dest, const void* ctx) {
  RealDisk disk;
  FileInfo info;
  std::string err;
  return disk.Stat(JoinPath(*static_cast<const std::string*>(ctx), dest), &info, &err) &&
         info.kind != FileKind::kMissing;
}

}  // namespace

int DocumentCommand(const std::vector<std::string>& args) {
  CommonArgs common;
  std::vector<std::string> filtered;
  std::string output;
  for (size_t i = 0; i < args.size(); ++i) {
    if ((args[i] == "-o" || args[i] == "--output") && i + 1 < args.size()) {
      output = args[++i];
    } else if (args[i].compare(0, 9, "--output=") == 0) {
      output = args[i].substr(9);
    } else {
      filtered.push_back(args[i]);
    }
  }
  if (!ParseCommonArgs(filtered, "document", &common)) return 2;
  if (int rc = CheckCommonArgs(common, kUsage, 0, 1); rc >= 0) return rc;
  Workspace ws;
  if (int rc = LoadForCommand(0, &common, &ws)) return rc;
  std::string section =
      RenderProjectDocs(ws.project(), ws.plan.parallelism, AssetExists, &ws.project_dir);
  if (output.empty() || output == "-") {
    fputs(section.c_str(), stdout);
    return 0;
  }
  std::string existing, err;
  ReadWholeFile(output, &existing, &err);
  DocsMerge how;
  std::string merged = MergeProjectDocs(existing, section, &how);
  if (how == DocsMerge::kIgnored) {
    fprintf(stderr, "wfgen document: %s has an IGNORE marker; left as it is\n", output.c_str());
    return 0;
  }
  if (!WriteIfChanged(output, merged, &err)) {
    fprintf(stderr, "wfgen document: cannot write %s: %s\n", output.c_str(), err.c_str());
    return 1;
  }
  fprintf(stderr, "wfgen document: %s %s\n",
          how == DocsMerge::kReplacedSection ? "updated the generated section of" : "wrote",
          output.c_str());
  return 0;
}

}  // namespace wfgen
