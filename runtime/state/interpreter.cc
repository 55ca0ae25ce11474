#include "runtime/state/interpreter.h"

#include <cstdlib>

namespace wfgen {

std::string PythonFromEnvironment() {
  const char* py = getenv("WFGEN_PYTHON");
  return py && *py ? py : "python3";
}

void MapInterpreter(const std::string& python, std::vector<std::string>* argv) {
  if (argv->empty()) return;
  std::string& first = (*argv)[0];
  if (first == "python" || first == "python3") {
    first = python;
  } else if (first == "pip" || first == "pip3") {
    argv->erase(argv->begin());
    argv->insert(argv->begin(), {python, "-m", "pip"});
  }
}

}  // namespace wfgen
