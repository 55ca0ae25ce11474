// Which program runs a script line that starts with `python` or `pip`.
//
// weasel runs `python`/`python3` with its own interpreter and `pip` as
// `python -m pip`; wfgen uses $WFGEN_PYTHON, else python3 from PATH. One
// place, so that `wfgen run --dry` shows the argv wfgen-run will run.
#pragma once

#include <string>
#include <vector>

namespace wfgen {

// $WFGEN_PYTHON if set and not empty, else "python3".
std::string PythonFromEnvironment();

// Rewrites argv[0] as weasel would, with `python` as the interpreter.
void MapInterpreter(const std::string& python, std::vector<std::string>* argv);

}  // namespace wfgen
