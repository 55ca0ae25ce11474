// After a failed or interrupted run: which steps would Ninja still start?
// `ninja -n -v TARGET` lists them (a dry run executes nothing); the steps
// of the run that never started and are not listed were up to date, and
// the table says so instead of "not started".
#pragma once

#include <set>
#include <string>

#include "generator/run/run_loop.h"

namespace wfgen {

// The step keys in the output of `ninja -n -v`: each step's command has
// `--stamp .wfgen/stamps/KEY`.
std::set<std::string> StepKeysIn(const std::string& ninja_output);

// Runs `ninja -n -v` like `inv` (the target last) and returns the keys of
// the steps it would start; false if ninja did not say (it failed).
bool StillDirty(const NinjaInvocation& inv, std::set<std::string>* keys);

}  // namespace wfgen
