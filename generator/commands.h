// wfgen's subcommands, one file each (cmd_*.cc). Each takes the arguments
// after its name and returns the process exit status.
#pragma once

#include <string>
#include <vector>

namespace wfgen {

int RunCommand(const std::vector<std::string>& args);
int EditorCommand(const std::vector<std::string>& args);

}  // namespace wfgen
