// The command line of remote storage, `wfgen-transfer push|pull` (and the
// generator, which runs it):
//
//   push REMOTE [--name NAME] [--project DIR] [--commands FILE]
//   pull REMOTE [--name NAME] [--project DIR] [--commands FILE] [--no-lock]
//   pull REMOTE --step [--name NAME] [--project DIR] [--commands FILE]
//
// --step is wfgen-run's automatic pull (pull_step.h): each command's
// outputs all or none, replacing stale local ones, no project.lock.
//
// REMOTE is a directory path, file:///path or s3://BUCKET/PREFIX; NAME is
// how messages call it (the `remotes:` key; default: REMOTE). The commands
// come from FILE or, with "-" (the default), stdin, in the format of
// command_list.h. pull writes weasel's project.lock entries for the
// commands it completed unless --no-lock.
//
// One line per output on stdout: "<status> <output>[: detail]". Exit 0 when
// every output was handled (a refused object is reported, not an error:
// the step will run instead), 1 when the remote could not be used or an
// output failed locally (`wfgen: error: remote 'NAME': ...`), 2 for usage.
#pragma once

#include "runtime/base/disk.h"

namespace wfgen {

// argv[0] is "push" or "pull" (an entry of wfgen-transfer's subcommand
// table). Local files go through `disk`.
int RemoteMain(Disk* disk, int argc, char** argv);

}  // namespace wfgen
