#include "generator/cli/cli.h"

#include <unistd.h>

#include <cstdio>
#include <cstring>

#include "generator/cli/command_table.h"
#include "generator/cli/commands.h"
#include "generator/ninja/generate.h"
#include "generator/project/diagnostic.h"
#include "runtime/base/disk.h"
#include "runtime/base/messages.h"
#include "runtime/base/paths.h"
#include "version.h"

namespace wfgen {
namespace {

// `wfgen expalin train`: a first word that is no file and is close to a
// command's name is a typo, not a project file.
bool LooksLikeMistypedCommand(Disk* disk, const std::vector<std::string>& args,
                              std::string* close) {
  if (args.empty() || args[0].empty() || args[0][0] == '-') return false;
  FileInfo info;
  std::string err;
  if (!disk->Stat(args[0], &info, &err) || info.kind != FileKind::kMissing) return false;
  std::vector<std::string> names;
  for (const CommandSpec& c : CommandTable()) {
    if (c.name[0]) names.push_back(c.name);
  }
  *close = ClosestMatch(args[0], names);
  return !close->empty();
}

int Dispatch(const std::string& verb, const CommandContext& ctx) {
  const ParsedArgs& args = ctx.args;
  if (verb.empty()) return GenerationCommand(ctx);
  if (verb == "run") return RunCommand(ctx);
  if (verb == "list") return ListCommand(ctx);
  if (verb == "assets") return AssetsCommand(ctx);
  if (verb == "push") return PushCommand(ctx);
  if (verb == "pull") return PullCommand(ctx);
  if (verb == "document") return DocumentCommand(ctx);
  if (verb == "explain") return ExplainCommand(ctx);
  if (verb == "graph") return GraphCommand(ctx);
  if (verb == "init") return InitCommand(ctx);
  if (verb == "editor") return EditorCommand(ctx);
  if (verb == "version") {
    printf("wfgen %s\n", WFGEN_VERSION);
    return 0;
  }
  // help [COMMAND]
  const CommandSpec* spec = args.positional.empty() ? nullptr : FindCommandSpec(args.positional[0]);
  if (!args.positional.empty() && (!spec || !spec->name[0])) {
    PrintError("no command '" + args.positional[0] + "' (wfgen --help lists them)");
    return 2;
  }
  fputs(spec ? RenderHelp(*spec).c_str() : RenderMainHelp().c_str(), stdout);
  return 0;
}

}  // namespace

std::string SelfPath() {
  char buf[4096];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return "wfgen";
  buf[n] = '\0';
  return buf;
}

std::string WrapperPath() {
  if (const char* env = getenv("WFGEN_RUN")) {
    if (*env) return env;
  }
  std::string self = SelfPath();
  std::string dir = DirName(self);
  return JoinPath(dir.empty() ? "." : dir, "wfgen-run");
}

int Main(const std::vector<std::string>& args, Disk* disk) {
  std::string verb;
  std::vector<std::string> rest = args;
  if (!args.empty() && FindCommandSpec(args[0]) && !args[0].empty()) {
    verb = args[0];
    rest.erase(rest.begin());
  }
  std::string close;
  if (verb.empty() && LooksLikeMistypedCommand(disk, args, &close)) {
    PrintError("no command or project file '" + args[0] + "'; did you mean 'wfgen " + close + "'?");
    return 2;
  }
  const CommandSpec& spec = *FindCommandSpec(verb);
  ParsedArgs parsed;
  std::string err;
  if (!ParseArgs(spec, rest, &parsed, &err)) {
    PrintError(err);
    return 2;
  }
  if (parsed.help) {
    fputs(verb.empty() ? RenderMainHelp().c_str() : RenderHelp(spec).c_str(), stdout);
    return 0;
  }
  return Dispatch(verb, CommandContext{parsed, disk});
}

}  // namespace wfgen
