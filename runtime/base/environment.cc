#include "runtime/base/environment.h"

extern char** environ;

namespace wfgen {

std::vector<std::string> ProcessEnvironment() {
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) env.push_back(*e);
  return env;
}

std::vector<std::string> ChangeEnvironment(std::vector<std::string> env,
                                           const std::vector<std::string>& changes) {
  for (const std::string& change : changes) {
    size_t eq = change.find('=');
    std::string prefix = change.substr(0, eq) + "=";
    bool set = eq != std::string::npos;
    std::vector<std::string> out;
    for (std::string& e : env) {
      if (e.compare(0, prefix.size(), prefix) != 0) {
        out.push_back(std::move(e));
      } else if (set) {
        out.push_back(change);
        set = false;  // later entries of the same name are dropped
      }
    }
    if (set) out.push_back(change);
    env = std::move(out);
  }
  return env;
}

}  // namespace wfgen
