#include "generator/run/still_dirty.h"

#include <sys/wait.h>

#include <vector>

#include "runtime/base/environment.h"
#include "runtime/base/run_captured.h"

namespace wfgen {

std::set<std::string> StepKeysIn(const std::string& out) {
  std::set<std::string> keys;
  const std::string flag = " --stamp ";
  for (size_t at = out.find(flag); at != std::string::npos; at = out.find(flag, at + 1)) {
    size_t start = at + flag.size();
    size_t end = out.find_first_of(" \n", start);
    std::string stamp = out.substr(start, end == std::string::npos ? end : end - start);
    const std::string dir = "stamps/";
    size_t k = stamp.find("/" + dir);
    if (stamp.compare(0, dir.size(), dir) == 0) k = 0;
    else if (k != std::string::npos) k += 1;
    if (k != std::string::npos) keys.insert(stamp.substr(k + dir.size()));
  }
  return keys;
}

bool StillDirty(const NinjaInvocation& inv, std::set<std::string>* keys) {
  std::vector<std::string> env = ChangeEnvironment(ProcessEnvironment(), inv.env);
  CaptureOptions options;
  options.spawn.argv = {inv.ninja, "-n", "-v"};
  options.spawn.argv.insert(options.spawn.argv.end(), inv.args.begin(), inv.args.end());
  options.spawn.env = &env;
  options.spawn.dir = inv.dir;
  Captured captured;
  std::string err;
  if (!RunCaptured(options, &captured, &err)) return false;
  if (!WIFEXITED(captured.status) || WEXITSTATUS(captured.status) != 0) return false;
  *keys = StepKeysIn(captured.out);
  return true;
}

}  // namespace wfgen
