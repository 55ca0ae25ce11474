// Starting a child process: the one fork/exec path, for a step's line
// children (subprocess.h), for programs run for their output
// (run_captured.h: Slurm's squeue, git) and for the ninja child of
// `wfgen run`.
#pragma once

#include <signal.h>
#include <sys/types.h>

#include <string>
#include <vector>

namespace wfgen {

struct SpawnOptions {
  std::vector<std::string> argv;  // argv[0] is looked up in PATH
  // The child's environment (environment.h builds one); null: this
  // process's own.
  const std::vector<std::string>* env = nullptr;
  // Where the child runs; "": here. A failed chdir is reported as a failed
  // exec (its errno in *exec_errno).
  std::string dir;
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
  // Null: the child starts with no signal blocked and the stop signals,
  // SIGPIPE and SIGCHLD at their defaults, whatever this process did with
  // them (wfgen-run blocks them to read them from a signalfd). Else the
  // child gets this mask and the dispositions this process inherited:
  // `wfgen run` gives ninja the mask it had before blocking signals for
  // itself, so that ninja starts as it would without wfgen in between.
  const sigset_t* signal_mask = nullptr;
  // The child writes "G <its pid>\n" here before exec (after it leads its
  // group and has its death signal): the guardian's message (subprocess.h).
  // Written by the child, the guardian knows the group before any of the
  // program runs; written by the parent after Spawn returns, a parent
  // killed in between would leave the program's own children behind.
  int announce_fd = -1;
};

// Forks and execs argv with stdin from /dev/null and the signals as
// `signal_mask` says. Returns once the exec has
// succeeded or failed: the child's pid, with *exec_errno 0, or the exec's
// errno (the child then exits 127 and must still be reaped). -1 if no
// child was started (*err says why).
pid_t Spawn(const SpawnOptions& options, int* exec_errno, std::string* err);

}  // namespace wfgen
