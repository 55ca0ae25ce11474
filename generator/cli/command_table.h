// The table of wfgen's commands: their arguments, options and help, read
// by the one parser in options.h. Each cmd_*.cc implements one row.
#pragma once

#include <string>
#include <vector>

#include "generator/cli/options.h"

namespace wfgen {

// Every command; the first row is generation (`wfgen [PROJECT]`, name "").
const std::vector<CommandSpec>& CommandTable();
// The row named `name`, or null.
const CommandSpec* FindCommandSpec(const std::string& name);
// `wfgen --help`: generation's help and the list of commands.
std::string RenderMainHelp();

}  // namespace wfgen
