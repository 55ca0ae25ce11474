// `wfgen init [TEMPLATE] DIR`: a starter project from templates/.
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "generator/cli/cli.h"
#include "generator/cli/commands.h"
#include "generator/ninja/generate.h"
#include "runtime/base/disk.h"

namespace wfgen {
namespace {

const char kUsage[] =
    "usage: wfgen init [TEMPLATE] DIR\n"
    "\n"
    "Creates a starter project in DIR (which must not exist or be empty) from a\n"
    "template, ready for `wfgen && ninja all`. TEMPLATE (default: minimal):\n"
    "\n"
    "  minimal    a serial workflow: prepare, train, evaluate\n"
    "  parallel   trains three models in a parallel group, each with a WFGEN_SLOT\n"
    "\n"
    "examples:\n"
    "  wfgen init my-project && cd my-project && wfgen && ninja all\n"
    "  wfgen init parallel sweep\n";

// Installed: <prefix>/share/wfgen/templates; in the source tree: templates/.
std::string TemplatesDir() {
  if (const char* env = getenv("WFGEN_TEMPLATES")) {
    if (*env) return env;
  }
  std::string bin = DirName(SelfPath());
  std::string installed = JoinPath(DirName(bin), "share/wfgen/templates");
  RealDisk disk;
  FileInfo info;
  std::string err;
  if (disk.Stat(installed, &info, &err) && info.kind == FileKind::kDir) return installed;
  return WFGEN_SOURCE_TEMPLATES;
}

bool CopyTree(RealDisk* disk, const std::string& from, const std::string& to, std::string* err) {
  if (!disk->MakeDirs(to, err)) return false;
  std::vector<DirEntry> entries;
  if (!disk->ListDir(from, &entries, err)) return false;
  for (const DirEntry& e : entries) {
    std::string src = JoinPath(from, e.name), dst = JoinPath(to, e.name);
    if (e.kind == FileKind::kDir) {
      if (!CopyTree(disk, src, dst, err)) return false;
    } else if (e.kind == FileKind::kFile) {
      std::string content;
      struct stat st;
      if (!disk->ReadFile(src, &content, err) || !disk->WriteFileAtomic(dst, content, err))
        return false;
      if (stat(src.c_str(), &st) == 0) chmod(dst.c_str(), st.st_mode & 0777);
    }
  }
  return true;
}

}  // namespace

int InitCommand(const std::vector<std::string>& args) {
  std::vector<std::string> positional;
  for (const std::string& a : args) {
    if (a == "-h" || a == "--help") {
      fputs(kUsage, stdout);
      return 0;
    }
    if (!a.empty() && a[0] == '-') {
      fprintf(stderr, "wfgen init: unknown option '%s'\n\n%s", a.c_str(), kUsage);
      return 2;
    }
    positional.push_back(a);
  }
  if (positional.empty() || positional.size() > 2) {
    fprintf(stderr, "%s", kUsage);
    return 2;
  }
  std::string name = positional.size() == 2 ? positional[0] : "minimal";
  std::string dir = positional.back();
  RealDisk disk;
  std::string templates = TemplatesDir();
  std::string source = JoinPath(templates, name);
  FileInfo info;
  std::string err;
  if (!disk.Stat(JoinPath(source, "project.yml"), &info, &err) || info.kind != FileKind::kFile) {
    fprintf(stderr, "wfgen init: no template '%s' (in %s); there are:", name.c_str(),
            templates.c_str());
    std::vector<DirEntry> entries;
    disk.ListDir(templates, &entries, &err);
    for (const DirEntry& e : entries) {
      if (e.kind == FileKind::kDir) fprintf(stderr, " %s", e.name.c_str());
    }
    fprintf(stderr, "\n");
    return 2;
  }
  if (disk.Stat(dir, &info, &err) && info.kind != FileKind::kMissing) {
    std::vector<DirEntry> entries;
    if (info.kind != FileKind::kDir || !disk.ListDir(dir, &entries, &err) || !entries.empty()) {
      fprintf(stderr, "wfgen init: %s exists and is not an empty directory; nothing was written\n",
              dir.c_str());
      return 2;
    }
  }
  if (!CopyTree(&disk, source, dir, &err)) {
    fprintf(stderr, "wfgen init: %s\n", err.c_str());
    return 1;
  }
  printf("Created %s from the '%s' template. Next:\n  cd %s && wfgen && ninja all\n", dir.c_str(),
         name.c_str(), dir.c_str());
  return 0;
}

}  // namespace wfgen
