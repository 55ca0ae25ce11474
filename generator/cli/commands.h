// wfgen's subcommands, one file each (cmd_*.cc). Main (cli.cc) parses the
// arguments by the command's row in command_table.cc; each command gets
// them parsed, with the disk main made, and returns the process exit
// status.
#pragma once

#include <string>
#include <vector>

#include "generator/cli/options.h"
#include "generator/cli/settings.h"
#include "generator/ninja/generate.h"
#include "runtime/base/disk.h"

namespace wfgen {

// What every command is given: its parsed arguments and the process's one
// file system, which main makes (tests may give another).
struct CommandContext {
  const ParsedArgs& args;
  Disk* disk;
};

int GenerationCommand(const CommandContext& ctx);
int RunCommand(const CommandContext& ctx);
int EditorCommand(const CommandContext& ctx);
int ListCommand(const CommandContext& ctx);
int DocumentCommand(const CommandContext& ctx);
int ExplainCommand(const CommandContext& ctx);
int GraphCommand(const CommandContext& ctx);
int InitCommand(const CommandContext& ctx);
int AssetsCommand(const CommandContext& ctx);
// `wfgen explain DEST` (one asset) or `wfgen explain assets` (all): why each
// would be fetched or is up to date. False when `name` is neither.
bool ExplainAssets(Disk* disk, const Workspace& ws, const std::string& embed,
                   const std::string& name, int* status);
int PushCommand(const CommandContext& ctx);  // cmd_remote.cc
int PullCommand(const CommandContext& ctx);

// A directory means its project.yml.
std::string ProjectFileFrom(Disk* disk, const std::string& path);

// The generation options of a command that loads the project named by the
// positional argument at `index` (a file or a directory; the current
// directory when there is none): the settings kept with the build, unless
// --reset, with those given now on top (settings.h). `in_force` gets the
// merged settings. False (after printing why) when the kept ones cannot be
// read.
bool OptionsForCommand(const CommandContext& ctx, size_t index, GenerateOptions* gen,
                       Settings* in_force);

// Loads the project with OptionsForCommand's options, printing
// diagnostics. Returns 0 or an exit status.
int LoadForCommand(const CommandContext& ctx, size_t index, GenerateOptions* gen,
                   Settings* in_force, Workspace* ws);

// Remembers `s` as the build's settings (after the build files were
// written). Warns, and goes on, if it cannot.
void KeepSettings(Disk* disk, const GenerateOptions& gen, const Settings& s);

// The overrides that set vars project.yml does not define, each with a
// warning (weasel ignores them silently).
void WarnUndefinedVars(const Workspace& ws, const std::vector<Override>& overrides);

// The value of --retries: 0 to 100 more attempts for every command.
bool ParseRetriesFlag(const std::string& value, int* out);

// What `wfgen list` prints (also `wfgen run` without a target).
void PrintProjectList(const Workspace& ws, const Settings& in_force);

// "--vars.epochs=8 --schedule=dataflow" for a person, or "" when none.
std::string SettingsLine(const Settings& s);

}  // namespace wfgen
