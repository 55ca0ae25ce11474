// What /proc says about a process: the one reader of /proc/PID files.
// Everything returns "" (or 0, or nothing) for a process that is gone or
// cannot be read; callers treat that as "not there".
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace wfgen {

// The whole of /proc/PID/WHAT ("stat", "cmdline", ...).
std::string ReadProcFile(pid_t pid, const char* what);

// The parent's pid (field 4 of /proc/PID/stat), or 0.
pid_t ProcParent(pid_t pid);

// The start time in clock ticks since boot (field 22 of /proc/PID/stat),
// as written there, or "".
std::string ProcStartTime(pid_t pid);

// The arguments the process was started with (/proc/PID/cmdline).
std::vector<std::string> ProcArgv(pid_t pid);

}  // namespace wfgen
