// What `weasel pull` writes after it pulled a command's outputs: the
// command's project.lock entry (weasel/cli/run.py update_lockfile and
// get_lock_entry), so that `weasel run` then skips the command.
//
// weasel compares entries by the md5 of their JSON form, so only the values
// matter, not the YAML layout: {cmd: "python -m weasel run NAME", script:
// [lines], deps: [{path, md5}], outs: [{path, md5 or null}] for outputs then
// outputs_no_cache}.
#pragma once

#include <string>
#include <vector>

#include "runtime/base/disk.h"
#include "transfer/remote/remote_ops.h"

namespace wfgen {

// Adds or replaces the entries of `names` (commands among `commands`) in
// `project_dir/project.lock`, keeping the other entries; written atomically.
bool WriteWeaselLockEntries(Disk* disk, const std::string& project_dir,
                            const std::vector<RemoteCommand>& commands,
                            const std::vector<std::string>& names, std::string* err);

}  // namespace wfgen
