// Running a step's script lines as child processes, and stopping them.
//
// Process layout while a line runs (docs/runtime.md has the why):
//
//   ninja ── wfgen-run (pgid set by ninja) ── line child (own pgid G) ── ...
//                 └── wfgen-guard (own pgid): kills G if wfgen-run dies
//
// - The child runs in its own process group G, so a stop reaches its
//   grandchildren too, and wfgen-run can escalate to SIGKILL without
//   killing itself.
// - SIGINT/SIGTERM/SIGHUP to wfgen-run (ninja forwards Ctrl-C this way; a
//   parallel group's failing member sends SIGTERM) are forwarded to G, and
//   after the grace period G gets SIGKILL.
// - The child has PDEATHSIG=SIGKILL; the guardian kills G when wfgen-run
//   dies of anything, SIGKILL included. Either survivor cleans up.
// - When the line's direct child exits, stragglers left in G are stopped the
//   same way: a step's processes never outlive it.
// - wfgen-run is a child subreaper: orphans of the step become its children
//   and are reaped at once, instead of lingering as zombies in G.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "runtime/base/clock.h"

namespace wfgen {

class OutputSink {
 public:
  virtual ~OutputSink() = default;
  virtual void Write(const char* data, size_t size) = 0;
};

struct LineResult {
  // kLauncher: the launcher (Slurm) ended the line, not the command itself:
  // `error` says why ("stopped by Slurm: TIME LIMIT"), `code` is the status.
  enum Kind { kExited, kSignaled, kSpawnFailed, kLauncher };
  Kind kind = kExited;
  int code = 0;       // exit status, or the signal number
  std::string error;  // why the spawn failed, or what the launcher did
  // kLauncher: the cause as `retries: {on: [...]}` names it ("node_fail",
  // "time_limit", "preempted", "cancelled", "oom"), or "" for others.
  std::string cause;
  bool ok() const { return kind == kExited && code == 0; }
  // The program was not found ("command not found: NAME"; exit status 127).
  bool NotFound() const {
    return kind == kSpawnFailed && error.compare(0, 17, "command not found") == 0;
  }
};

// For a line whose work runs elsewhere (a Slurm job step, launcher.h): the
// local child is only a client (srun) and signals must reach the work
// through the scheduler. Without one, the runner signals the child's
// process group itself.
class RemoteControl {
 public:
  virtual ~RemoteControl() = default;
  // A stop signal arrived: pass it on to the work. `group` is the local
  // child's process group, for when the work cannot be reached otherwise.
  virtual void Signal(int sig, pid_t group) = 0;
  // The grace period after Signal is over: end the work now. The runner
  // gives the local child another grace period to exit, then SIGKILLs it.
  virtual void Kill(pid_t group) = 0;
  // What the local child gets when wfgen-run dies (PR_SET_PDEATHSIG).
  virtual int ParentDeathSignal() const = 0;
};

// What the wrapper needs from processes and signals: the seam its state
// machine is tested through (a fake runs "lines" in memory and delivers
// stop signals at chosen moments; wrapper/fake_runner.h), as ninja tests
// its builder with a fake CommandRunner.
class CommandRunner {
 public:
  virtual ~CommandRunner() = default;

  virtual void set_grace_ms(int64_t ms) = 0;
  // Called once when a stop signal is passed on to a running line, with
  // the signal and the grace period before SIGKILL (for the front end's
  // "stopping" state).
  virtual void set_on_stop(std::function<void(int sig, int64_t grace_ms)> f) = 0;
  // File descriptors holding flock(2) locks that must outlive a SIGKILLed
  // wfgen-run until its step's processes are gone: the guardian keeps a
  // copy of each (the project's `active` lock, WFGEN_SLOT leases). Give
  // them before the first Run.
  virtual void KeepInGuardian(int fd) = 0;

  // Blocks the stop signals and routes them (and SIGCHLD) to a signalfd.
  // Call before anything else, so a Ctrl-C during hashing is not lost.
  virtual bool Init(std::string* err) = 0;

  // The child gets our stdin (and, when it is the terminal and we are in
  // its foreground group, the terminal while it runs) instead of /dev/null.
  // Never for a remote line.
  virtual void set_pass_stdin(bool pass) = 0;

  // Runs argv[0] (looked up in PATH) with `env`, stdin from /dev/null (or
  // ours, set_pass_stdin) and stdout+stderr into `sink`. Returns when the
  // child has exited and its process group is empty. With `remote`, stop signals go through it.
  virtual LineResult Run(const std::vector<std::string>& argv, const std::vector<std::string>& env,
                         OutputSink* sink, RemoteControl* remote = nullptr) = 0;

  // The first stop signal received (SIGINT, SIGTERM or SIGHUP), or 0.
  // Also polls for signals that arrived while no child was running.
  virtual int StopSignal() = 0;

  // Waits `ms` milliseconds, or less if a stop signal arrives first.
  // Returns StopSignal(): the wait between two attempts of a step ends at
  // once on Ctrl-C or on a failing sibling's SIGTERM.
  virtual int WaitForStop(int64_t ms) = 0;

  // Tells the guardian the step ended cleanly and waits for it to exit.
  virtual void Finish() = 0;
};

class ProcessRunner : public CommandRunner {
 public:
  explicit ProcessRunner(int64_t grace_ms) : grace_ms_(grace_ms) {}
  ~ProcessRunner() override;
  ProcessRunner(const ProcessRunner&) = delete;
  ProcessRunner& operator=(const ProcessRunner&) = delete;

  void set_grace_ms(int64_t ms) override { grace_ms_ = ms; }
  void set_on_stop(std::function<void(int sig, int64_t grace_ms)> f) override {
    on_stop_ = std::move(f);
  }
  void set_pass_stdin(bool pass) override { pass_stdin_ = pass; }
  void KeepInGuardian(int fd) override {
    if (fd >= 0) guardian_keeps_.push_back(fd);
  }
  bool Init(std::string* err) override;
  LineResult Run(const std::vector<std::string>& argv, const std::vector<std::string>& env,
                 OutputSink* sink, RemoteControl* remote = nullptr) override;
  int StopSignal() override;
  int WaitForStop(int64_t ms) override;
  void Finish() override;

 private:
  bool StartGuardian(std::string* err);
  void HandleSignal(int signo, pid_t group, RemoteControl* remote, int64_t* kill_deadline_ms);
  // Copies the line's output from `out_fd` to `sink` until the child
  // (pid, leading its own group) has exited and its group is empty,
  // passing stop signals on and escalating to SIGKILL after the grace
  // period. Returns the child's wait status.
  int WaitForLine(pid_t pid, int out_fd, OutputSink* sink, RemoteControl* remote);
  // Reaps every exited child: `child` (sets *status, returns true when it
  // is among them), the guardian, and orphans of the step that were
  // reparented to us (we are a child subreaper, so they do not linger as
  // zombies in the step's process group).
  bool ReapChildren(pid_t child, int* status);

  int64_t grace_ms_;
  int signal_fd_ = -1;
  int guard_fd_ = -1;
  pid_t guard_pid_ = -1;
  void* guard_stack_ = nullptr;  // see StartGuardian
  bool guard_reaped_ = false;
  std::vector<int> guardian_keeps_;
  int stop_signal_ = 0;
  bool pass_stdin_ = false;
  std::function<void(int, int64_t)> on_stop_;
};

}  // namespace wfgen
