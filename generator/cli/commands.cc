#include "generator/cli/commands.h"

#include <cstdio>
#include <cstdlib>

#include "generator/cli/cli.h"
#include "generator/ninja/emit.h"
#include "generator/project/diagnostic.h"
#include "generator/project/project.h"
#include "runtime/base/disk.h"
#include "runtime/base/messages.h"
#include "runtime/state/layout.h"

namespace wfgen {
namespace {

Schedule ScheduleOf(const std::string& name) {
  return name == "dataflow" ? Schedule::kDataflow : Schedule::kStaged;
}

}  // namespace

std::string ProjectFileFrom(Disk* disk, const std::string& path) {
  FileInfo info;
  std::string err;
  if (disk->Stat(path, &info, &err) && info.kind == FileKind::kDir) {
    return JoinPath(path, "project.yml");
  }
  return path;
}

bool OptionsForCommand(const CommandContext& ctx, size_t index, GenerateOptions* gen,
                       Settings* in_force) {
  const ParsedArgs& args = ctx.args;
  const std::vector<std::string>& pos = args.positional;
  gen->project_file =
      ProjectFileFrom(ctx.disk, index < pos.size() && !pos[index].empty() ? pos[index] : ".");
  gen->wfgen = SelfPath();
  gen->wfgen_run = WrapperPath();
  // Set by the tasks `wfgen editor vscode` writes (generator/project/diagnostic.h).
  const char* style = getenv("WFGEN_DIAGNOSTICS");
  if (style && std::string(style) == "notes-inline") {
    gen->diagnostics = DiagnosticStyle::kNotesInMessage;
  }
  Settings given;
  for (const Override& o : args.overrides) given.vars.push_back(o.arg);
  given.schedule = args.Get("--schedule");
  given.launcher = args.Get("--launcher");
  given.retries = args.Get("--retries");
  given.pull = args.Has("--pull");
  given.push = args.Has("--push");
  if (!given.retries.empty() && !ParseRetriesFlag(given.retries, &gen->retries)) {
    PrintError("--retries is a number from 0 to 100, not '" + given.retries + "'");
    return false;
  }
  Settings kept;
  if (!args.Has("--reset")) {
    std::string err;
    std::string path = SettingsPath(DirName(NinjaFileOf(*gen)), MetaDir(gen->embed));
    if (!ReadSettings(ctx.disk, path, &kept, &err)) {
      PrintError("cannot read the settings kept with the build: " + err);
      PrintLine("  (--reset starts over with only the settings given now)");
      return false;
    }
  }
  *in_force = MergeSettings(kept, given);
  gen->overrides.clear();
  for (const std::string& word : in_force->vars) {
    std::vector<std::string> one = {word};
    size_t i = 0;
    Override o;
    std::string err;
    if (ParseOverrideArg(one, &i, &o, &err)) gen->overrides.push_back(std::move(o));
  }
  gen->schedule = ScheduleOf(in_force->schedule);
  gen->launcher = in_force->launcher;
  gen->pull = in_force->pull;
  gen->push = in_force->push;
  gen->retries = -1;
  if (!in_force->retries.empty() && !ParseRetriesFlag(in_force->retries, &gen->retries)) {
    gen->retries = -1;  // a kept value from a newer wfgen: as project.yml says
  }
  return true;
}

int LoadForCommand(const CommandContext& ctx, size_t index, GenerateOptions* gen,
                   Settings* in_force, Workspace* ws) {
  if (!OptionsForCommand(ctx, index, gen, in_force)) return 2;
  int rc = OpenWorkspace(ctx.disk, *gen, ws);
  if (rc == 0) WarnUndefinedVars(*ws, ctx.args.overrides);
  return rc;
}

void KeepSettings(Disk* disk, const GenerateOptions& gen, const Settings& s) {
  std::string err;
  std::string path = SettingsPath(DirName(NinjaFileOf(gen)), MetaDir(gen.embed));
  if (!WriteSettings(disk, path, s, &err)) {
    PrintWarning("cannot keep the settings (" + err + "); `wfgen run` will not know them");
  }
}

void WarnUndefinedVars(const Workspace& ws, const std::vector<Override>& overrides) {
  const std::vector<std::string>& names = ws.loaded.var_names;
  for (const Override& o : overrides) {
    std::string name;
    for (const std::string& p : o.path) name += (name.empty() ? "" : ".") + p;
    bool defined = false;
    for (const std::string& n : names) defined = defined || n == name;
    if (defined) continue;
    std::string message = o.arg.substr(0, o.arg.find('=')) + ": project.yml defines no var '" +
                          name.substr(5) + "', so this changes nothing unless the file uses ${" +
                          name + "}";
    std::string close = ClosestMatch(name, names);
    if (!close.empty()) message += " (did you mean '--" + close + "'?)";
    PrintWarning(message);
  }
}

std::string SettingsLine(const Settings& s) {
  std::string line;
  for (const std::string& w : s.Words()) line += (line.empty() ? "" : " ") + w;
  return line;
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
