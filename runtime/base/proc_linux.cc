#include "runtime/base/proc.h"

#include <cstdio>
#include <fstream>
#include <sstream>

namespace wfgen {
namespace {

// What follows "pid (comm) " in /proc/PID/stat: comm may hold spaces and
// parentheses, so the fields start after the last ')'.
std::string StatFields(pid_t pid) {
  std::string stat = ReadProcFile(pid, "stat");
  size_t paren = stat.rfind(')');
  if (paren == std::string::npos || paren + 2 > stat.size()) return "";
  return stat.substr(paren + 2);
}

}  // namespace

std::string ReadProcFile(pid_t pid, const char* what) {
  std::ifstream f("/proc/" + std::to_string(pid) + "/" + what, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

pid_t ProcParent(pid_t pid) {
  std::string fields = StatFields(pid);
  // Field 3 (state), then field 4 (ppid).
  char state = 0;
  long ppid = 0;
  if (sscanf(fields.c_str(), "%c %ld", &state, &ppid) != 2) return 0;
  return static_cast<pid_t>(ppid);
}

std::string ProcStartTime(pid_t pid) {
  std::istringstream in(StatFields(pid));
  std::string field;
  for (int i = 3; i <= 22 && in >> field; ++i) {
    if (i == 22) return field;
  }
  return "";
}

std::vector<std::string> ProcArgv(pid_t pid) {
  std::string cmdline = ReadProcFile(pid, "cmdline");
  std::vector<std::string> argv;
  size_t start = 0;
  while (start < cmdline.size()) {
    size_t end = cmdline.find('\0', start);
    if (end == std::string::npos) end = cmdline.size();
    argv.push_back(cmdline.substr(start, end - start));
    start = end + 1;
  }
  return argv;
}

}  // namespace wfgen
