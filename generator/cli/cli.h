// The wfgen command line: generation (the default) and subcommands.
#pragma once

#include <string>
#include <vector>

namespace wfgen {

int Main(const std::vector<std::string>& args);

// Absolute paths of this binary and of wfgen-run beside it.
std::string SelfPath();
std::string WrapperPath();

}  // namespace wfgen
