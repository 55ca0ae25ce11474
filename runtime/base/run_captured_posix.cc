#include "runtime/base/run_captured.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "runtime/base/clock.h"

namespace wfgen {

bool RunCaptured(const CaptureOptions& options, Captured* result, std::string* err) {
  *result = Captured();
  // [0]: stdout, [1]: stderr; each a read and a write end.
  int pipes[2][2] = {{-1, -1}, {-1, -1}};
  int streams = options.capture_stderr ? 2 : 1;
  for (int i = 0; i < streams; ++i) {
    if (pipe2(pipes[i], O_CLOEXEC) != 0) {
      *err = std::string("pipe: ") + strerror(errno);
      for (int k = 0; k < i; ++k) {
        close(pipes[k][0]);
        close(pipes[k][1]);
      }
      return false;
    }
  }
  SpawnOptions spawn = options.spawn;
  spawn.stdout_fd = pipes[0][1];
  if (options.capture_stderr) spawn.stderr_fd = pipes[1][1];
  pid_t pid = Spawn(spawn, &result->exec_errno, err);
  for (int i = 0; i < streams; ++i) close(pipes[i][1]);
  if (pid < 0) {
    for (int i = 0; i < streams; ++i) close(pipes[i][0]);
    return false;
  }
  const int64_t deadline = options.timeout_ms < 0 ? -1 : MonotonicMs() + options.timeout_ms;
  struct pollfd fds[2] = {{pipes[0][0], POLLIN, 0}, {pipes[1][0], POLLIN, 0}};
  int open_fds = streams;
  char buf[8192];
  while (open_fds > 0) {
    int wait_ms = -1;
    if (deadline >= 0) {
      int64_t left = deadline - MonotonicMs();
      if (left <= 0) {
        kill(pid, SIGKILL);
        result->timed_out = true;
        break;
      }
      wait_ms = static_cast<int>(left);
    }
    int r = poll(fds, static_cast<nfds_t>(streams), wait_ms);
    if (r < 0 && errno != EINTR) break;
    if (r <= 0) continue;
    for (int i = 0; i < streams; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
        continue;
      }
      if (i == 0) result->out.append(buf, static_cast<size_t>(n));
      result->output.append(buf, static_cast<size_t>(n));
    }
  }
  for (int i = 0; i < streams; ++i) {
    if (fds[i].fd >= 0) close(fds[i].fd);
  }
  while (waitpid(pid, &result->status, 0) < 0 && errno == EINTR) {
  }
  return true;
}

}  // namespace wfgen
