// A ProgramRunner for unit tests: records every argv and answers from a
// table keyed by the argv joined with spaces.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "transfer/program_runner.h"

namespace wfgen {

class FakeProgramRunner : public ProgramRunner {
 public:
  void Answer(const std::string& joined_argv, int exit, const std::string& out) {
    answers_[joined_argv] = {exit, out, out};
  }
  bool Run(const std::vector<std::string>& argv, const std::vector<std::string>& env,
           ProgramResult* result, std::string* err) override {
    std::string joined;
    for (const std::string& a : argv) joined += (joined.empty() ? "" : " ") + a;
    calls.push_back(joined);
    auto it = answers_.find(joined);
    if (it == answers_.end()) {
      *result = {1, "fatal: unexpected call\n", ""};
      return true;
    }
    *result = it->second;
    return true;
  }
  std::vector<std::string> calls;

 private:
  std::map<std::string, ProgramResult> answers_;
};

}  // namespace wfgen
