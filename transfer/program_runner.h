// Running a program (git) with an argv, never through a shell, and taking
// its output.
#pragma once

#include <string>
#include <vector>

namespace wfgen {

struct ProgramResult {
  int exit = -1;       // exit status; 128+N when killed by signal N
  std::string output;  // stdout and stderr together
  std::string out;     // stdout alone
};

class ProgramRunner {
 public:
  virtual ~ProgramRunner() = default;
  // argv[0] is looked up in PATH. `env` entries ("NAME=value") are added
  // to this process's environment. stdin is /dev/null. False only when the
  // program could not be started.
  virtual bool Run(const std::vector<std::string>& argv, const std::vector<std::string>& env,
                   ProgramResult* result, std::string* err) = 0;
};

class PosixProgramRunner : public ProgramRunner {
 public:
  bool Run(const std::vector<std::string>& argv, const std::vector<std::string>& env,
           ProgramResult* result, std::string* err) override;
};

}  // namespace wfgen
