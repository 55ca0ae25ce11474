#include "runtime/base/proc.h"

#include <cstdio>
#include <fstream>
#include <sstream>

#include "runtime/base/line_format.h"

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
  for (std::string_view arg : SplitAt(cmdline, '\0')) argv.emplace_back(arg);
  return argv;
}

}  // namespace wfgen
