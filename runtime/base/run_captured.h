// Running a short program for its output (Slurm's squeue, git, `ninja -n`):
// Spawn, read its output until it closes it, reap it.
#pragma once

#include <cstdint>
#include <string>

#include "runtime/base/spawn.h"

namespace wfgen {

struct CaptureOptions {
  // What to run. Its stdout_fd (and with capture_stderr its stderr_fd)
  // are replaced by the pipes read here.
  SpawnOptions spawn;
  bool capture_stderr = false;
  // After this long the program gets SIGKILL and is no longer waited for
  // (a grandchild may hold its output open); < 0: no limit.
  int64_t timeout_ms = -1;
};

struct Captured {
  int status = 0;          // its wait status (<sys/wait.h>)
  int exec_errno = 0;      // the exec failed so (status: exit 127)
  bool timed_out = false;  // killed at timeout_ms
  std::string out;         // stdout
  std::string output;      // all that was captured, as it came
};

// False only when no program was started (*err says why).
bool RunCaptured(const CaptureOptions& options, Captured* result, std::string* err);

}  // namespace wfgen
