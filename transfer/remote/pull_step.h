// The automatic pull for one step (`wfgen --pull`: wfgen-run found that the
// step must run): all of the command's outputs from the remote, or none.
//
// Unlike weasel's pull (Pull in remote_ops.h), it replaces outputs that
// exist locally (they are stale: the step was about to rewrite them), and
// it touches nothing unless every output has an object under the command
// hash and every one was fetched and verified:
// 1. list each output's objects; one without any: nothing is downloaded;
// 2. download and check each into a staging tree in the project
//    (ExtractOutput: content hash, member names, links);
// 3. only then move each old output aside and rename the new one into
//    place. A kill before step 3 leaves the project as it was; during it,
//    every output is either the old one or a verified new one.
#pragma once

#include <string>

#include "runtime/base/disk.h"
#include "transfer/remote/remote_ops.h"
#include "transfer/remote/store.h"

namespace wfgen {

// For each command: reports kPulled for every output (and the command in
// `completed`) or kNotFound / kRefused for the ones that stopped it, with
// the others kNotFound "not fetched: ...". Store errors: false, as Pull.
bool PullSteps(Disk* disk, const std::string& project_dir,
               const std::vector<RemoteCommand>& commands, Store* store, RemoteResult* result,
               std::string* err);

}  // namespace wfgen
