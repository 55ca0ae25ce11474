// `wfgen [PROJECT.yml] [-o FILE] [settings]`: write build.ninja. The
// settings given here replace the ones kept with the build: this is where a
// person configures the build, and ninja's regeneration rule calls it with
// the settings in force.
#include <cstdio>

#include "generator/cli/commands.h"
#include "runtime/base/messages.h"
#include "version.h"

namespace wfgen {

int GenerationCommand(const CommandContext& ctx) {
  const ParsedArgs& args = ctx.args;
  if (args.Has("--version")) {
    printf("wfgen %s\n", WFGEN_VERSION);
    return 0;
  }
  GenerateOptions options;
  options.output = args.Get("-o");
  options.embed = args.Get("--embed");
  if (args.Has("--embed") &&
      (options.embed.empty() ||
       options.embed.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                       "0123456789_-") != std::string::npos)) {
    PrintError("--embed NAME takes letters, digits, '_' and '-', not '" + options.embed + "'");
    return 2;
  }
  ParsedArgs exact = args;
  exact.values["--reset"] = "";  // only what is given here
  Settings in_force;
  if (!OptionsForCommand(CommandContext{exact, ctx.disk}, 0, &options, &in_force)) return 2;
  if (args.positional.empty()) options.project_file = "project.yml";
  Workspace ws;
  if (int rc = OpenWorkspace(ctx.disk, options, &ws)) return rc;
  WarnUndefinedVars(ws, args.overrides);
  if (int rc = WriteWorkspace(ctx.disk, options, ws)) return rc;
  KeepSettings(ctx.disk, options, in_force);
  return 0;
}

}  // namespace wfgen
