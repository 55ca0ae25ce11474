#include "transfer/program_runner.h"

#include <string.h>
#include <sys/wait.h>

#include "runtime/base/environment.h"
#include "runtime/base/run_captured.h"

namespace wfgen {

bool PosixProgramRunner::Run(const std::vector<std::string>& argv,
                             const std::vector<std::string>& env, ProgramResult* result,
                             std::string* err) {
  *result = ProgramResult();
  std::vector<std::string> child_env = ChangeEnvironment(ProcessEnvironment(), env);
  CaptureOptions options;
  options.spawn.argv = argv;
  options.spawn.env = &child_env;
  options.capture_stderr = true;
  Captured captured;
  if (!RunCaptured(options, &captured, err)) return false;
  if (captured.exec_errno != 0) {
    *err = "cannot run " + argv[0] + ": " + strerror(captured.exec_errno);
    return false;
  }
  result->output = std::move(captured.output);
  result->out = std::move(captured.out);
  int status = captured.status;
  result->exit = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return true;
}

}  // namespace wfgen
