// Warnings shown once: a diagnostic with a `once` key (generator/project/
// diagnostic.h) is printed by the first command that loads the project
// (`wfgen`, `run`, `list`, `explain`, `document`, ...) and then not again
// while its key stays the same. The keys shown are kept in
// `<project>/.wfgen/shown`; keys no longer produced are dropped from it,
// so a warning comes back when what it is about changes (a script edited
// back to an earlier version warns again).
#pragma once

#include <string>

#include "generator/project/diagnostic.h"
#include "runtime/base/disk.h"

namespace wfgen {

// The file that remembers the keys, relative to the project directory.
constexpr char kShownOnceFile[] = ".wfgen/shown";

// Forgets from `diag` the diagnostics whose key is in the file and writes
// the file with the keys of this load. A file that cannot be read or
// written makes every such diagnostic show, as before: a read-only project
// still warns (on every load).
void FilterShownOnce(Disk* disk, const std::string& project_dir, Diagnostics* diag);

}  // namespace wfgen
