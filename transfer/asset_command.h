// `wfgen-transfer asset`: check one asset and fetch it if needed.
#pragma once

namespace wfgen {

// The whole subcommand: parses argv (argv[0] is "asset"), prints, and
// returns the exit status (0 ok, 1 failed, 2 usage).
int RunAssetCommand(int argc, char** argv);

}  // namespace wfgen
