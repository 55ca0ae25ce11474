// The wfgen command line: generation (the default) and subcommands.
#pragma once

#include <string>
#include <vector>

#include "runtime/base/disk.h"

namespace wfgen {

// `args` without the program's name; every command works through `disk`.
int Main(const std::vector<std::string>& args, Disk* disk);

// Absolute paths of this binary and of wfgen-run beside it.
std::string SelfPath();
std::string WrapperPath();

}  // namespace wfgen
