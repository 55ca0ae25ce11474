// The remote cache in the generated files: `--pull`/`--push` on top of
// project.yml's `remote_cache:`, and the step spec fields that make
// wfgen-run fetch a step's outputs instead of running it, or upload them
// after it succeeded (docs/remotes.md).
#pragma once

#include <string>

#include "generator/project/project.h"
#include "runtime/state/step_spec.h"

namespace wfgen {

// Turns on pull/push (a flag only adds to what project.yml says). False,
// with *err saying what to write, when the remote is not defined.
bool ApplyRemoteCacheOptions(bool pull, bool push, Project* project, std::string* err);

// Fills the spec's remote fields for a command with outputs when the
// project pulls or pushes; leaves them empty otherwise, so that the specs
// (and their hashes in build.ninja) of projects without it do not change.
void SetRemoteCache(const Project& project, const Command& command, StepSpec* spec);

}  // namespace wfgen
