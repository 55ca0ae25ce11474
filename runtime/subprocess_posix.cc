#include "runtime/subprocess.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cstdio>

#include "runtime/fd.h"

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

// Everything a freshly forked child must undo before exec.
void ResetChildSignals() {
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  for (int s : {SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGCHLD}) signal(s, SIG_DFL);
}

void CloseFrom(int lowest) {
#ifdef SYS_close_range
  if (syscall(SYS_close_range, lowest, ~0U, 0) == 0) return;
#endif
  for (int fd = lowest; fd < 1024; ++fd) close(fd);
}

bool GroupAlive(pid_t group) { return group > 0 && kill(-group, 0) == 0; }

// The guardian's whole life: remember the current group, and when
// wfgen-run goes away without saying "done", stop that group.
[[noreturn]] void GuardianMain(int watch_fd, int64_t grace_ms) {
  prctl(PR_SET_NAME, "wfgen-guard", 0, 0, 0);
  pid_t group = 0;
  std::string buf;
  char chunk[256];
  for (;;) {
    ssize_t n = read(watch_fd, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    buf.append(chunk, static_cast<size_t>(n));
    size_t eol;
    while ((eol = buf.find('\n')) != std::string::npos) {
      std::string msg = buf.substr(0, eol);
      buf.erase(0, eol + 1);
      if (msg == "D") _exit(0);
      if (msg.size() > 2 && msg[0] == 'G') group = static_cast<pid_t>(atol(msg.c_str() + 2));
    }
  }
  if (GroupAlive(group)) {
    kill(-group, SIGTERM);
    int64_t deadline = MonotonicMs() + grace_ms;
    while (GroupAlive(group) && MonotonicMs() < deadline) {
      struct timespec ts = {0, 20 * 1000000L};
      nanosleep(&ts, nullptr);
    }
    if (GroupAlive(group)) kill(-group, SIGKILL);
  }
  _exit(0);
}

}  // namespace

int64_t MonotonicMs() {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}

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
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    *err = std::string("pipe: ") + strerror(errno);
    return false;
  }
  pid_t pid = fork();
  if (pid < 0) {
    *err = std::string("fork: ") + strerror(errno);
    close(fds[0]);
    close(fds[1]);
    return false;
  }
  if (pid == 0) {
    setpgid(0, 0);  // out of reach of signals aimed at wfgen-run's group
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    signal(SIGINT, SIG_IGN);
    signal(SIGTERM, SIG_IGN);
    signal(SIGHUP, SIG_IGN);
    // Hold nothing of ninja's: its output pipe must close when we are done.
    int null_fd = open("/dev/null", O_RDWR);
    dup2(null_fd, 0);
    dup2(null_fd, 1);
    dup2(null_fd, 2);
    // The locks stay held (by our copies) until the step's processes are
    // stopped. Park them high first: they may sit where fd 3 must go.
    std::vector<int> parked;
    for (int keep : guardian_keeps_) parked.push_back(fcntl(keep, F_DUPFD, 512));
    dup2(fds[0], 3);
    int next = 4;
    for (int p : parked) {
      if (p >= 0) dup2(p, next++);
    }
    CloseFrom(next);
    GuardianMain(3, grace_ms_);
  }
  close(fds[0]);
  guard_fd_ = fds[1];
  guard_pid_ = pid;
  return true;
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
  if (*kill_deadline_ms == 0) *kill_deadline_ms = MonotonicMs() + grace_ms_;
}

LineResult ProcessRunner::Run(const std::vector<std::string>& argv,
                              const std::vector<std::string>& env, OutputSink* sink,
                              RemoteControl* remote) {
  LineResult result;
  std::string err;
  if (guard_fd_ < 0 && !StartGuardian(&err)) {
    result.kind = LineResult::kSpawnFailed;
    result.error = err;
    return result;
  }
  int out_pipe[2], exec_err[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(exec_err, O_CLOEXEC) != 0) {
    result.kind = LineResult::kSpawnFailed;
    result.error = std::string("pipe: ") + strerror(errno);
    return result;
  }
  std::vector<char*> cargv, cenv;
  for (auto& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
  cargv.push_back(nullptr);
  for (auto& e : env) cenv.push_back(const_cast<char*>(e.c_str()));
  cenv.push_back(nullptr);

  pid_t parent = getpid();
  int death_signal = remote ? remote->ParentDeathSignal() : SIGKILL;
  pid_t pid = fork();
  if (pid < 0) {
    result.kind = LineResult::kSpawnFailed;
    result.error = std::string("fork: ") + strerror(errno);
    return result;
  }
  if (pid == 0) {
    ResetChildSignals();
    setpgid(0, 0);
    prctl(PR_SET_PDEATHSIG, death_signal, 0, 0, 0);
    if (getppid() != parent) _exit(127);  // wfgen-run died before prctl
    int null_fd = open("/dev/null", O_RDONLY);
    dup2(null_fd, 0);
    dup2(out_pipe[1], 1);
    dup2(out_pipe[1], 2);
    // exec_err stays open (close-on-exec) to report a failed exec.
    execvpe(cargv[0], cargv.data(), cenv.data());
    int e = errno;
    ssize_t ignored = write(exec_err[1], &e, sizeof e);
    (void)ignored;
    _exit(127);
  }
  setpgid(pid, pid);  // also here: no window where a stop misses the child
  pid_t group = pid;
  close(out_pipe[1]);
  close(exec_err[1]);
  WriteFd(guard_fd_, "G " + std::to_string(group) + "\n");

  int exec_errno = 0;
  if (read(exec_err[0], &exec_errno, sizeof exec_errno) != sizeof exec_errno) exec_errno = 0;
  close(exec_err[0]);

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
    fds[1] = {pipe_open ? out_pipe[0] : -1, POLLIN, 0};
    int r = poll(fds, 2, timeout);
    if (r < 0 && errno != EINTR) break;
    if (fds[1].revents) {
      ssize_t n = read(out_pipe[0], buf, sizeof buf);
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
    fcntl(out_pipe[0], F_SETFL, O_NONBLOCK);
    ssize_t n;
    while ((n = read(out_pipe[0], buf, sizeof buf)) > 0) sink->Write(buf, static_cast<size_t>(n));
  }
  close(out_pipe[0]);

  if (exec_errno != 0) {
    result.kind = LineResult::kSpawnFailed;
    result.error = exec_errno == ENOENT ? "command not found" : strerror(exec_errno);
  } else if (WIFSIGNALED(status)) {
    result.kind = LineResult::kSignaled;
    result.code = WTERMSIG(status);
  } else {
    result.kind = LineResult::kExited;
    result.code = WEXITSTATUS(status);
  }
  return result;
}

}  // namespace wfgen
