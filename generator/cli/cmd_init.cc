// `wfgen init [TEMPLATE] DIR`: a starter project from templates/.
#include <cstdio>
#include <cstdlib>

#include "generator/cli/cli.h"
#include "generator/cli/commands.h"
#include "generator/ninja/generate.h"
#include "runtime/base/disk.h"
#include "runtime/base/messages.h"

namespace wfgen {
namespace {

// Installed: <prefix>/share/wfgen/templates; in the source tree: templates/.
std::string TemplatesDir(Disk* disk) {
  if (const char* env = getenv("WFGEN_TEMPLATES")) {
    if (*env) return env;
  }
  std::string bin = DirName(SelfPath());
  std::string installed = JoinPath(DirName(bin), "share/wfgen/templates");
  FileInfo info;
  std::string err;
  if (disk->Stat(installed, &info, &err) && info.kind == FileKind::kDir) return installed;
  return WFGEN_SOURCE_TEMPLATES;
}

bool CopyTree(Disk* disk, const std::string& from, const std::string& to, std::string* err) {
  if (!disk->MakeDirs(to, err)) return false;
  std::vector<DirEntry> entries;
  if (!disk->ListDir(from, &entries, err)) return false;
  for (const DirEntry& e : entries) {
    std::string src = JoinPath(from, e.name), dst = JoinPath(to, e.name);
    if (e.kind == FileKind::kDir) {
      if (!CopyTree(disk, src, dst, err)) return false;
    } else if (e.kind == FileKind::kFile) {
      std::string content, ignored;
      FileInfo info;
      if (!disk->ReadFile(src, &content, err) || !disk->WriteFileAtomic(dst, content, err))
        return false;
      // A template's script stays executable; a mode that cannot be kept is no error.
      if (disk->Stat(src, &info, &ignored) && info.kind == FileKind::kFile)
        disk->SetMode(dst, info.mode & 0777, &ignored);
    }
  }
  return true;
}

}  // namespace

int InitCommand(const CommandContext& ctx) {
  const std::vector<std::string>& positional = ctx.args.positional;
  std::string name = positional.size() == 2 ? positional[0] : "minimal";
  std::string dir = positional.back();
  Disk& disk = *ctx.disk;
  std::string templates = TemplatesDir(&disk);
  std::string source = JoinPath(templates, name);
  FileInfo info;
  std::string err;
  // `wfgen init parallel`: one argument that names a template (and no
  // directory of that name exists) means the template, made in ./parallel.
  bool named_template = false;
  if (positional.size() == 1 &&
      disk.Stat(JoinPath(JoinPath(templates, dir), "project.yml"), &info, &err) &&
      info.kind == FileKind::kFile && disk.Stat(dir, &info, &err) &&
      info.kind == FileKind::kMissing) {
    name = dir;
    source = JoinPath(templates, name);
    named_template = true;
  }
  if (!disk.Stat(JoinPath(source, "project.yml"), &info, &err) || info.kind != FileKind::kFile) {
    std::string there;
    std::vector<DirEntry> entries;
    disk.ListDir(templates, &entries, &err);
    for (const DirEntry& e : entries) {
      if (e.kind == FileKind::kDir) there += " " + e.name;
    }
    PrintError("no template '" + name + "' (in " + templates + "); there are:" + there);
    return 2;
  }
  if (disk.Stat(dir, &info, &err) && info.kind != FileKind::kMissing) {
    std::vector<DirEntry> entries;
    if (info.kind != FileKind::kDir || !disk.ListDir(dir, &entries, &err) || !entries.empty()) {
      PrintError(dir + " exists and is not an empty directory; nothing was written");
      return 2;
    }
  }
  if (!CopyTree(&disk, source, dir, &err)) {
    PrintError(err);
    return 1;
  }
  if (named_template) {
    printf("'%s' is a template: made it in ./%s (wfgen init %s DIR puts it elsewhere).\n",
           name.c_str(), dir.c_str(), name.c_str());
  }
  printf("Created %s from the '%s' template. Next:\n  cd %s && wfgen && ninja all\n", dir.c_str(),
         name.c_str(), dir.c_str());
  return 0;
}

}  // namespace wfgen
