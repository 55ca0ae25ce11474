#include "generator/cli/commands.h"

#include <cstdio>

#include "generator/cli/cli.h"
#include "generator/project/project.h"
#include "runtime/base/disk.h"

namespace wfgen {

std::string ProjectFileFrom(const std::string& path) {
  RealDisk disk;
  FileInfo info;
  std::string err;
  if (disk.Stat(path, &info, &err) && info.kind == FileKind::kDir) {
    return JoinPath(path, "project.yml");
  }
  return path;
}

bool ParseCommonArgs(const std::vector<std::string>& args, const char* command, CommonArgs* out) {
  for (size_t i = 0; i < args.size();) {
    const std::string& a = args[i];
    if (a == "-h" || a == "--help") {
      out->help = true;
      ++i;
    } else if (a.compare(0, 7, "--vars.") == 0) {
      Override o;
      std::string err;
      if (!ParseOverrideArg(args, &i, &o, &err)) {
        fprintf(stderr, "wfgen %s: %s\n", command, err.c_str());
        return false;
      }
      out->gen.overrides.push_back(std::move(o));
    } else if (!a.empty() && a[0] == '-') {
      out->rest.push_back(a);
      ++i;
    } else {
      out->positional.push_back(a);
      ++i;
    }
  }
  out->gen.wfgen = SelfPath();
  out->gen.wfgen_run = WrapperPath();
  return true;
}

int CheckCommonArgs(const CommonArgs& common, const char* usage, size_t min_positional,
                    size_t max_positional) {
  if (common.help) {
    fputs(usage, stdout);
    return 0;
  }
  if (!common.rest.empty()) {
    fprintf(stderr, "wfgen: unknown option '%s'\n\n%s", common.rest[0].c_str(), usage);
    return 2;
  }
  if (common.positional.size() < min_positional || common.positional.size() > max_positional) {
    fputs(usage, stderr);
    return 2;
  }
  return -1;
}

int LoadForCommand(size_t index, CommonArgs* common, Workspace* ws) {
  const std::vector<std::string>& args = common->positional;
  common->gen.project_file =
      ProjectFileFrom(index < args.size() && !args[index].empty() ? args[index] : ".");
  return OpenWorkspace(common->gen, ws);
}

bool ParseRetriesFlag(const std::string& value, int* out) {
  if (value.empty() || value.size() > 3 ||
      value.find_first_not_of("0123456789") != std::string::npos) {
    return false;
  }
  int n = std::stoi(value);
  if (n > 100) return false;
  *out = n;
  return true;
}

}  // namespace wfgen
