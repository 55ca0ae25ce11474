// `wfgen-transfer asset`: check one asset and fetch it if needed.
#pragma once

#include "runtime/base/disk.h"

namespace wfgen {

// The whole subcommand: parses argv (argv[0] is "asset"), prints, and
// returns the exit status (0 ok, 1 failed, 2 usage). Files go through `disk`.
int RunAssetCommand(Disk* disk, int argc, char** argv);

}  // namespace wfgen
