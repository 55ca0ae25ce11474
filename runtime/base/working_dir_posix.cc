#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "runtime/base/working_dir.h"

namespace wfgen {

bool RealWorkingDir::Get(std::string* dir, std::string* err) {
  char buf[4096];
  if (!getcwd(buf, sizeof buf)) {
    *err = std::string("getcwd: ") + strerror(errno);
    return false;
  }
  *dir = buf;
  return true;
}

bool RealWorkingDir::Enter(const std::string& dir, std::string* err) {
  if (chdir(dir.c_str()) != 0) {
    *err = strerror(errno);
    return false;
  }
  return true;
}

}  // namespace wfgen
