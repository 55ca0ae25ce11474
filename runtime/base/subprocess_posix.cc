#include "runtime/base/subprocess.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>

#include "runtime/base/fd.h"
#include "runtime/base/spawn.h"

namespace wfgen {
namespace {

sigset_t StopAndChildSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGHUP);
  sigaddset(&set, SIGCHLD);
  return set;
}

__attribute__((no_sanitize("address", "undefined"))) void CloseFrom(int lowest) {
#ifdef SYS_close_range
  if (syscall(SYS_close_range, lowest, ~0U, 0) == 0) return;
#endif
  for (int fd = lowest; fd < 1024; ++fd) close(fd);
}

__attribute__((no_sanitize("address", "undefined"))) bool GroupAlive(pid_t group) {
  return group > 0 && kill(-group, 0) == 0;
}

// The guardian is started with clone(CLONE_VM): it shares wfgen-run's
// memory instead of copying it, which makes it about as cheap as a thread
// (a fork here cost 0.27 ms of CPU per step, a fifth of the wrapper's
// overhead in a build of many small commands). So everything it runs is
// plain system calls: no allocation (malloc's state is wfgen-run's), no
// C++ objects, and its arguments live on its own stack. It has its own
// descriptor table and signal handlers (no CLONE_FILES, no CLONE_SIGHAND),
// and survives wfgen-run: the memory stays mapped while it uses it.
// errno is shared with wfgen-run's main thread; the guardian's calls only
// fail once wfgen-run is gone (the group it stops has already exited).
constexpr size_t kGuardianStack = 64 * 1024;
constexpr int kMaxKeeps = 8;

struct GuardianArgs {
  int watch_fd;  // the read end of the pipe from wfgen-run
  int keeps[kMaxKeeps];
  int keep_count;
  int64_t grace_ms;
};

// Its whole life: set itself apart, remember the current group, and when
// wfgen-run goes away without saying "done", stop that group.
__attribute__((no_sanitize("address", "undefined"))) int GuardianMain(void* p) {
  const GuardianArgs* args = static_cast<const GuardianArgs*>(p);
  prctl(PR_SET_NAME, "wfgen-guard", 0, 0, 0);
  setpgid(0, 0);  // out of reach of signals aimed at wfgen-run's group
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  struct sigaction ignore = {};
  ignore.sa_handler = SIG_IGN;
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaction(sig, &ignore, nullptr);
  // Hold nothing of ninja's: its output pipe must close when we are done.
  int null_fd = open("/dev/null", O_RDWR);
  dup2(null_fd, 0);
  dup2(null_fd, 1);
  dup2(null_fd, 2);
  // The locks stay held (by our copies) until the step's processes are
  // stopped. Park them high first: they may sit where fd 3 must go.
  int parked[kMaxKeeps];
  for (int i = 0; i < args->keep_count; ++i) parked[i] = fcntl(args->keeps[i], F_DUPFD, 512);
  dup2(args->watch_fd, 3);
  int next = 4;
  for (int i = 0; i < args->keep_count; ++i) {
    if (parked[i] >= 0) dup2(parked[i], next++);
  }
  CloseFrom(next);

  pid_t group = 0;
  char line[64];
  size_t used = 0;
  for (;;) {
    ssize_t n = read(3, line + used, sizeof line - used);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    used += static_cast<size_t>(n);
    // Messages: "G <pgid>\n" (the current line's group), "D\n" (done).
    for (size_t eol = 0; eol < used;) {
      if (line[eol] != '\n') {
        ++eol;
        continue;
      }
      if (line[0] == 'D') _exit(0);
      if (line[0] == 'G') {
        pid_t g = 0;
        for (size_t i = 2; i < eol && line[i] >= '0' && line[i] <= '9'; ++i)
          g = g * 10 + (line[i] - '0');
        group = g;
      }
      used -= eol + 1;
      memmove(line, line + eol + 1, used);
      eol = 0;
    }
    if (used == sizeof line) used = 0;  // never sent: no message is this long
  }
  if (GroupAlive(group)) {
    kill(-group, SIGTERM);
    int64_t deadline = MonotonicMs() + args->grace_ms;
    while (GroupAlive(group) && MonotonicMs() < deadline) SleepMs(20);
    if (GroupAlive(group)) kill(-group, SIGKILL);
  }
  _exit(0);
}

}  // namespace

ProcessRunner::~ProcessRunner() {
  if (signal_fd_ >= 0) close(signal_fd_);
  if (guard_fd_ >= 0) close(guard_fd_);
}

bool ProcessRunner::Init(std::string* err) {
  signal(SIGPIPE, SIG_IGN);  // ninja may be gone; writes then fail, quietly
  sigset_t set = StopAndChildSignals();
  if (sigprocmask(SIG_BLOCK, &set, nullptr) != 0) {
    *err = std::string("sigprocmask: ") + strerror(errno);
    return false;
  }
  signal_fd_ = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
  if (signal_fd_ < 0) {
    *err = std::string("signalfd: ") + strerror(errno);
    return false;
  }
  prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
  return true;
}

bool ProcessRunner::ReapChildren(pid_t child, int* status) {
  bool got = false;
  for (;;) {
    int st = 0;
    pid_t w = waitpid(-1, &st, WNOHANG);
    if (w <= 0) break;
    if (w == child) {
      *status = st;
      got = true;
    } else if (w == guard_pid_) {
      guard_reaped_ = true;
    }
  }
  return got;
}

bool ProcessRunner::StartGuardian(std::string* err) {
  if (guardian_keeps_.size() > static_cast<size_t>(kMaxKeeps)) {
    *err = "too many locks for the guardian to hold";
    return false;
  }
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    *err = std::string("pipe: ") + strerror(errno);
    return false;
  }
  void* stack = mmap(nullptr, kGuardianStack, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
  if (stack == MAP_FAILED) {
    *err = std::string("mmap: ") + strerror(errno);
    close(fds[0]);
    close(fds[1]);
    return false;
  }
  // The arguments at the bottom of the guardian's stack, which grows down
  // from the top: they live exactly as long as it does.
  GuardianArgs* args = static_cast<GuardianArgs*>(stack);
  args->watch_fd = fds[0];
  args->keep_count = static_cast<int>(guardian_keeps_.size());
  for (int i = 0; i < args->keep_count; ++i) args->keeps[i] = guardian_keeps_[i];
  args->grace_ms = grace_ms_;
  pid_t pid =
      clone(GuardianMain, static_cast<char*>(stack) + kGuardianStack, CLONE_VM | SIGCHLD, args);
  if (pid < 0) {
    *err = std::string("clone: ") + strerror(errno);
    munmap(stack, kGuardianStack);
    close(fds[0]);
    close(fds[1]);
    return false;
  }
  close(fds[0]);
  guard_fd_ = fds[1];
  guard_pid_ = pid;
  guard_stack_ = stack;
  return true;
}

int ProcessRunner::WaitForStop(int64_t ms) {
  int64_t deadline = MonotonicMs() + ms;
  while (StopSignal() == 0) {
    int64_t left = deadline - MonotonicMs();
    if (left <= 0) break;
    // Stragglers of the last attempt may still exit: reap them meanwhile.
    int ignored;
    ReapChildren(0, &ignored);
    struct pollfd fd = {signal_fd_, POLLIN, 0};
    if (poll(&fd, 1, static_cast<int>(std::min<int64_t>(left, 1 << 30))) < 0 && errno != EINTR) {
      break;
    }
  }
  return StopSignal();
}

void ProcessRunner::Finish() {
  if (guard_fd_ < 0) return;
  WriteFd(guard_fd_, "D\n");
  close(guard_fd_);
  guard_fd_ = -1;
  int status;
  while (!guard_reaped_ && waitpid(guard_pid_, &status, 0) < 0 && errno == EINTR) {
  }
  guard_reaped_ = true;
  // Only now is its stack no longer in use.
  munmap(guard_stack_, kGuardianStack);
  guard_stack_ = nullptr;
}

int ProcessRunner::StopSignal() {
  if (stop_signal_ == 0 && signal_fd_ >= 0) {
    struct signalfd_siginfo si;
    while (read(signal_fd_, &si, sizeof si) == sizeof si) {
      int s = static_cast<int>(si.ssi_signo);
      if (s != SIGCHLD && stop_signal_ == 0) stop_signal_ = s;
    }
  }
  return stop_signal_;
}

void ProcessRunner::HandleSignal(int signo, pid_t group, RemoteControl* remote,
                                 int64_t* kill_deadline_ms) {
  if (signo == SIGCHLD) return;
  if (stop_signal_ == 0) stop_signal_ = signo;
  if (remote) {
    remote->Signal(signo, group);
  } else if (GroupAlive(group)) {
    kill(-group, signo);
  }
  if (*kill_deadline_ms == 0) {
    *kill_deadline_ms = MonotonicMs() + grace_ms_;
    if (on_stop_) on_stop_(signo, grace_ms_);
  }
}

namespace {

LineResult SpawnFailed(const std::string& why) {
  LineResult result;
  result.kind = LineResult::kSpawnFailed;
  result.error = why;
  return result;
}

// How the line ended, from the exec's errno and the wait status.
LineResult ResultOf(int exec_errno, int status, const std::string& program) {
  if (exec_errno != 0) {
    // The program's name, so that a person sees which one is missing.
    return SpawnFailed(exec_errno == ENOENT ? "command not found: " + program
                                            : std::string(strerror(exec_errno)) + ": " + program);
  }
  LineResult result;
  if (WIFSIGNALED(status)) {
    result.kind = LineResult::kSignaled;
    result.code = WTERMSIG(status);
  } else {
    result.kind = LineResult::kExited;
    result.code = WEXITSTATUS(status);
  }
  return result;
}

}  // namespace

LineResult ProcessRunner::Run(const std::vector<std::string>& argv,
                              const std::vector<std::string>& env, OutputSink* sink,
                              RemoteControl* remote) {
  std::string err;
  if (guard_fd_ < 0 && !StartGuardian(&err)) return SpawnFailed(err);
  int out_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0) return SpawnFailed(std::string("pipe: ") + strerror(errno));
  SpawnOptions spawn;
  spawn.argv = argv;
  spawn.env = &env;
  spawn.stdout_fd = spawn.stderr_fd = out_pipe[1];
  spawn.own_group = true;
  spawn.death_signal = remote ? remote->ParentDeathSignal() : SIGKILL;
  spawn.announce_fd = guard_fd_;  // the child tells the guardian its group
  // Ninja gives a step of the console pool the terminal's stdin (and
  // /dev/null to the others): pass it on, so that `breakpoint()` works as
  // under weasel. A child in its own process group may read the terminal
  // only when that group is the terminal's foreground group: hand it over
  // if it is ours.
  spawn.keep_stdin = pass_stdin_ && !remote;
  spawn.take_terminal = spawn.keep_stdin && isatty(0) && tcgetpgrp(0) == getpgrp();
  int exec_errno = 0;
  pid_t pid = Spawn(spawn, &exec_errno, &err);
  close(out_pipe[1]);
  if (pid < 0) {
    close(out_pipe[0]);
    return SpawnFailed(err);
  }
  int status = WaitForLine(pid, out_pipe[0], sink, remote);
  close(out_pipe[0]);
  LineResult result = ResultOf(exec_errno, status, argv[0]);
  if (spawn.take_terminal) {
    // Back to our group (now a background one: ignore SIGTTOU). A Ctrl-C
    // at the terminal reached only the child: take it as ours, so that the
    // step stops like on an interrupt and Ninja sees one.
    signal(SIGTTOU, SIG_IGN);
    tcsetpgrp(0, getpgrp());
    signal(SIGTTOU, SIG_DFL);
    if (stop_signal_ == 0 && result.kind == LineResult::kSignaled &&
        (result.code == SIGINT || result.code == SIGQUIT)) {
      stop_signal_ = SIGINT;
    }
  }
  return result;
}

int ProcessRunner::WaitForLine(pid_t pid, int out_fd, OutputSink* sink, RemoteControl* remote) {
  const pid_t group = pid;
  // A stop that arrived before the child existed applies to it now.
  int64_t kill_deadline = 0;
  if (StopSignal() != 0) HandleSignal(stop_signal_, group, remote, &kill_deadline);

  bool reaped = false;
  int status = 0;
  bool pipe_open = true;
  int64_t straggler_deadline = 0;
  bool remote_killed = false;
  char buf[65536];
  while (!reaped || GroupAlive(group)) {
    if (reaped && straggler_deadline == 0) {
      // The line is done but left processes behind in its group.
      kill(-group, SIGTERM);
      straggler_deadline = MonotonicMs() + grace_ms_;
    }
    int64_t now = MonotonicMs();
    int64_t deadline = 0;
    if (kill_deadline) deadline = kill_deadline;
    if (straggler_deadline && (!deadline || straggler_deadline < deadline))
      deadline = straggler_deadline;
    if (remote && !remote_killed && !reaped && kill_deadline && now >= kill_deadline) {
      // The work is elsewhere: end it there first, and give the local
      // client (srun) time to notice and exit.
      remote->Kill(group);
      remote_killed = true;
      kill_deadline = MonotonicMs() + grace_ms_;
      continue;
    }
    if (deadline && now >= deadline) {
      kill(-group, SIGKILL);
      kill_deadline = straggler_deadline = 0;
      deadline = 0;
      if (reaped) straggler_deadline = now + grace_ms_;  // keep polling below
    }
    int timeout = -1;
    if (deadline) timeout = static_cast<int>(deadline - now);
    if (reaped) timeout = timeout < 0 || timeout > 20 ? 20 : timeout;  // poll the group
    struct pollfd fds[2];
    fds[0] = {signal_fd_, POLLIN, 0};
    fds[1] = {pipe_open ? out_fd : -1, POLLIN, 0};
    int r = poll(fds, 2, timeout);
    if (r < 0 && errno != EINTR) break;
    if (fds[1].revents) {
      ssize_t n = read(out_fd, buf, sizeof buf);
      if (n > 0) {
        sink->Write(buf, static_cast<size_t>(n));
      } else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
        pipe_open = false;
      }
    }
    if (fds[0].revents) {
      struct signalfd_siginfo si;
      while (read(signal_fd_, &si, sizeof si) == sizeof si) {
        HandleSignal(static_cast<int>(si.ssi_signo), group, remote, &kill_deadline);
      }
    }
    if (ReapChildren(pid, &status)) reaped = true;
  }
  // Whatever is still buffered in the pipe, without waiting for writers
  // that escaped the group (they could hold it open forever).
  if (pipe_open) {
    fcntl(out_fd, F_SETFL, O_NONBLOCK);
    ssize_t n;
    while ((n = read(out_fd, buf, sizeof buf)) > 0) sink->Write(buf, static_cast<size_t>(n));
  }
  return status;
}

}  // namespace wfgen
