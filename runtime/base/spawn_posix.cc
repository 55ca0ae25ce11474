#include "runtime/base/spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

namespace wfgen {
namespace {

// Everything a freshly forked child must undo before exec.
void ResetChildSignals() {
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  for (int s : {SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGCHLD}) signal(s, SIG_DFL);
}

std::vector<char*> CStrings(const std::vector<std::string>& v) {
  std::vector<char*> out;
  for (const std::string& s : v) out.push_back(const_cast<char*>(s.c_str()));
  out.push_back(nullptr);
  return out;
}

}  // namespace

pid_t Spawn(const SpawnOptions& options, int* exec_errno, std::string* err) {
  *exec_errno = 0;
  // Stays open (close-on-exec) in the child to report a failed exec.
  int exec_err[2];
  if (pipe2(exec_err, O_CLOEXEC) != 0) {
    *err = std::string("pipe: ") + strerror(errno);
    return -1;
  }
  // Built before fork: the child only makes system calls.
  std::vector<char*> cargv = CStrings(options.argv);
  std::vector<char*> cenv;
  if (options.env) cenv = CStrings(*options.env);
  const char* dir = options.dir.empty() ? nullptr : options.dir.c_str();
  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid < 0) {
    *err = std::string("fork: ") + strerror(errno);
    close(exec_err[0]);
    close(exec_err[1]);
    return -1;
  }
  if (pid == 0) {
    if (options.signal_mask) {
      sigprocmask(SIG_SETMASK, options.signal_mask, nullptr);
    } else {
      ResetChildSignals();
    }
    if (options.own_group) setpgid(0, 0);
    if (options.death_signal != 0) {
      prctl(PR_SET_PDEATHSIG, options.death_signal, 0, 0, 0);
      if (getppid() != parent) _exit(127);  // the parent died before prctl
    }
    if (options.announce_fd >= 0) {
      // "G <pid>\n" without allocating: digits from the end of the buffer.
      char msg[32];
      char* p = msg + sizeof msg;
      *--p = '\n';
      for (unsigned long v = static_cast<unsigned long>(getpid()); ; v /= 10) {
        *--p = static_cast<char>('0' + v % 10);
        if (v < 10) break;
      }
      *--p = ' ';
      *--p = 'G';
      ssize_t ignored = write(options.announce_fd, p, static_cast<size_t>(msg + sizeof msg - p));
      (void)ignored;
    }
    if (options.take_terminal) {
      // Also here, as shells do: the child may read before the parent's
      // tcsetpgrp. A background group changing it gets SIGTTOU: ignore it.
      signal(SIGTTOU, SIG_IGN);
      tcsetpgrp(0, getpid());
      signal(SIGTTOU, SIG_DFL);
    }
    int null_fd = open("/dev/null", O_RDWR);
    if (!options.keep_stdin) dup2(null_fd, 0);
    dup2(options.stdout_fd >= 0 ? options.stdout_fd : null_fd, 1);
    dup2(options.stderr_fd >= 0 ? options.stderr_fd : null_fd, 2);
    if (null_fd > 2) close(null_fd);  // the program gets 0, 1 and 2 only
    if (!dir || chdir(dir) == 0) {
      if (options.env) {
        execvpe(cargv[0], cargv.data(), cenv.data());
      } else {
        execvp(cargv[0], cargv.data());
      }
    }
    int e = errno;
    ssize_t ignored = write(exec_err[1], &e, sizeof e);
    (void)ignored;
    _exit(127);
  }
  // Also here: no window in which a signal to the group misses the child.
  if (options.own_group) setpgid(pid, pid);
  if (options.take_terminal) {
    signal(SIGTTOU, SIG_IGN);
    tcsetpgrp(0, pid);
    signal(SIGTTOU, SIG_DFL);
  }
  close(exec_err[1]);
  int e = 0;
  ssize_t n;
  while ((n = read(exec_err[0], &e, sizeof e)) < 0 && errno == EINTR) {
  }
  if (n == static_cast<ssize_t>(sizeof e)) *exec_errno = e;
  close(exec_err[0]);
  return pid;
}

}  // namespace wfgen
