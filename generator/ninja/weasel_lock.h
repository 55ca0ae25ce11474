// Migration from weasel: a project that was run with weasel has a
// project.lock with an md5 record per command. For every command that has
// no wfgen record yet and whose lock entry still matches the files (the
// check weasel itself would make), a wfgen record is written, so the first
// wfgen run skips exactly what `weasel run` would skip.
#pragma once

#include <string>

#include "generator/project/project.h"
#include "runtime/base/disk.h"

namespace wfgen {

struct LockImport {
  int imported = 0;  // records written
  int stale = 0;     // lock entries that no longer match (those commands will run)
};

// `project_dir` is where project.yml and project.lock are; paths in the
// project are taken below it (the working directory is never changed).
// Missing project.lock is not an error.
bool ImportWeaselLock(Disk* disk, const std::string& project_dir, const Project& project,
                      LockImport* stats, std::string* err);

}  // namespace wfgen
