#include "runtime/wrapper/step_runner.h"

#include <signal.h>
#include <unistd.h>

#include <cstdio>

#include "runtime/wrapper/step_machine.h"

namespace wfgen {

bool ForcedByEnvironment(const char* value, const std::string& name) {
  if (!value || !*value) return false;
  std::string v = value;
  if (v == "*") return true;
  size_t start = 0;
  while (start <= v.size()) {
    size_t end = v.find_first_of(" ,", start);
    if (end == std::string::npos) end = v.size();
    if (v.compare(start, end - start, name) == 0 && end - start == name.size()) return true;
    start = end + 1;
  }
  return false;
}

StepExit RunStepWith(const RunOptions& options, const StepSystem& system) {
  StepMachine step(options, system);
  StepExit e;
  e.code = step.Run();
  e.die_of_signal = step.die_of_signal();
  return e;
}

int RunStep(const RunOptions& options, Disk* disk) {
  ProcessRunner runner(10000);
  MonotonicClock clock;
  RealWorkingDir dir;
  FdLogFile log;
  StepExit e;
  {
    // Released before a death by signal, as the step's own would be.
    FlockStepLocking locks(disk);
    e = RunStepWith(options, StepSystem{disk, &runner, &clock, &dir, &log, &locks});
  }
  if (e.die_of_signal == 0) return e.code;
  fflush(stdout);
  signal(e.die_of_signal, SIG_DFL);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, e.die_of_signal);
  sigprocmask(SIG_UNBLOCK, &set, nullptr);
  raise(e.die_of_signal);
  _exit(e.code);
}

}  // namespace wfgen
