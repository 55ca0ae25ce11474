// wfgen's subcommands, one file each (cmd_*.cc). Each takes the arguments
// after its name and returns the process exit status.
#pragma once

#include <string>
#include <vector>

#include "generator/ninja/generate.h"

namespace wfgen {

int RunCommand(const std::vector<std::string>& args);
int EditorCommand(const std::vector<std::string>& args);
int ListCommand(const std::vector<std::string>& args);
int DocumentCommand(const std::vector<std::string>& args);
int ExplainCommand(const std::vector<std::string>& args);
int GraphCommand(const std::vector<std::string>& args);
int InitCommand(const std::vector<std::string>& args);
int PushCommand(const std::vector<std::string>& args);  // cmd_remote.cc
int PullCommand(const std::vector<std::string>& args);

// What most subcommands accept: a project (directory or file, positional),
// --vars overrides and --help. Options a command handles itself are left
// in `rest` in order.
struct CommonArgs {
  GenerateOptions gen;
  std::vector<std::string> positional;
  std::vector<std::string> rest;
  bool help = false;
};
// False (after printing why) on a malformed override.
bool ParseCommonArgs(const std::vector<std::string>& args, const char* command, CommonArgs* out);

// After ParseCommonArgs: prints the usage for --help (returns 0) or for
// unknown options and a wrong number of positional arguments (returns 2);
// returns -1 when the command should go on.
int CheckCommonArgs(const CommonArgs& common, const char* usage, size_t min_positional,
                    size_t max_positional);

// A directory means its project.yml.
std::string ProjectFileFrom(const std::string& path);

// Loads the project named by the positional argument at `index` (a file or
// a directory; the current directory when there is no such argument),
// printing diagnostics. Returns 0 or an exit status.
int LoadForCommand(size_t index, CommonArgs* common, Workspace* ws);

// What `wfgen list` prints (also `wfgen run` without a target).
void PrintProjectList(const Workspace& ws);

}  // namespace wfgen
