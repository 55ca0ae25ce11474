// Starting a child process: the one fork/exec path of wfgen-run, for a
// step's line children (subprocess.h) and for short client commands that
// are run for their output (Slurm's squeue and scancel, launcher.h).
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace wfgen {

struct SpawnOptions {
  std::vector<std::string> argv;  // argv[0] is looked up in PATH
  // The child's environment; null: this process's own.
  const std::vector<std::string>* env = nullptr;
  int stdout_fd = -1;  // -1: /dev/null
  int stderr_fd = -1;  // -1: /dev/null
  // The child leads a new process group (pgid = its pid), so that one
  // kill(-pid, ...) reaches its descendants too.
  bool own_group = false;
  // PR_SET_PDEATHSIG: what the child gets when this process dies; 0: none.
  int death_signal = 0;
  // The child keeps this process's stdin instead of /dev/null, and (with
  // own_group) becomes the terminal's foreground group: a step of Ninja's
  // console pool reads the terminal as under weasel (`breakpoint()`).
  bool keep_stdin = false;
  bool take_terminal = false;
};

// Forks and execs argv with stdin from /dev/null, the stop signals and
// SIGPIPE/SIGCHLD back at their defaults and no signal blocked (wfgen-run
// blocks them to read them from a signalfd). Returns once the exec has
// succeeded or failed: the child's pid, with *exec_errno 0, or the exec's
// errno (the child then exits 127 and must still be reaped). -1 if no
// child was started (*err says why).
pid_t Spawn(const SpawnOptions& options, int* exec_errno, std::string* err);

}  // namespace wfgen
