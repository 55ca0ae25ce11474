// wfgen's records for commands whose outputs were pulled from a remote
// (`wfgen pull`), so that the next `ninja all` skips them.
//
// The transfer helper verified every pulled object's content hash before
// renaming it into place, and the object was stored under the command hash
// of the deps and script as they are now: the files are what a run would
// have produced. A record is written only for a command all of whose
// `outputs` were pulled in this pull; an output that was already there was
// not checked against the remote, so such a command is left to the normal
// decision (or to the project.lock import, docs/remotes.md).
#pragma once

#include <string>
#include <vector>

#include "generator/project/project.h"
#include "runtime/base/disk.h"

namespace wfgen {

// `pulled` holds the outputs the helper reported as "pulled". Writes the
// records (replacing older ones) through `disk`, paths taken below
// `project_dir`, and returns the names of the commands it wrote them for.
bool WritePulledRecords(Disk* disk, const std::string& project_dir, const Project& project,
                        const std::vector<std::string>& pulled, std::vector<std::string>* written,
                        std::string* err);

}  // namespace wfgen
