#include "generator/run/run_loop.h"

#include "generator/run/log_follow.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "generator/run/repaint.h"
#include "generator/run/status_view.h"
#include "generator/run/still_dirty.h"
#include "runtime/base/clock.h"
#include "runtime/base/environment.h"
#include "runtime/base/fd.h"
#include "runtime/base/spawn.h"
#include "runtime/state/events.h"

namespace wfgen {
namespace {

void Out(const std::string& s) { WriteFd(STDOUT_FILENO, s); }

// The events socket lives in a private temp directory for the run.
class EventSocket {
 public:
  ~EventSocket() {
    if (fd_ >= 0) close(fd_);
    if (!path_.empty()) unlink(path_.c_str());
    if (!dir_.empty()) rmdir(dir_.c_str());
  }
  bool Open(std::string* err) {
    const char* tmp = getenv("TMPDIR");
    std::string templ =
        std::string(tmp && *tmp && strlen(tmp) < 60 ? tmp : "/tmp") + "/wfgen-run-XXXXXX";
    std::vector<char> buf(templ.begin(), templ.end());
    buf.push_back('\0');
    if (!mkdtemp(buf.data())) {
      *err = std::string("mkdtemp: ") + strerror(errno);
      return false;
    }
    dir_ = buf.data();
    path_ = dir_ + "/events";
    fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    sockaddr_un addr = {};
    addr.sun_family = AF_UNIX;
    if (fd_ < 0 || path_.size() >= sizeof addr.sun_path) {
      *err = "cannot create the events socket";
      return false;
    }
    memcpy(addr.sun_path, path_.c_str(), path_.size() + 1);
    if (bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      *err = std::string("bind: ") + strerror(errno);
      return false;
    }
    int size = 4 << 20;  // many parallel steps, each a line every 100 ms
    setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
    return true;
  }
  int fd() const { return fd_; }
  const std::string& path() const { return path_; }

 private:
  int fd_ = -1;
  std::string dir_, path_;
};

class Display {
 public:
  Display(RunStatus* status, const TerminalInfo& term) : status_(status), term_(term) {}

  void Start() {
    if (term_.is_tty) Out("\x1b[?25l");  // no cursor flicker while redrawing
    Redraw(MonotonicMs());
  }
  void Resize() { UpdateTerminalSize(&term_); }

  void Event(const StepEvent& e, int64_t now) {
    int i = status_->Find(e.stamp);
    if (i < 0) return;
    RowState before = status_->rows()[static_cast<size_t>(i)].state;
    status_->Apply(e, now);
    const StatusRow& row = status_->rows()[static_cast<size_t>(i)];
    if (!term_.is_tty && e.kind == EventKind::kStop) {
      Out(PlainStopLine(row, term_.style) + "\n");
    } else if (!term_.is_tty && (row.state != before || e.kind == EventKind::kRetry)) {
      std::string line = PlainLine(row, term_.style);
      if (!line.empty()) Out(line + "\n");
    }
  }

  // A line of ninja's output (a finished step's output, a replay, an error).
  void NinjaLine(const std::string& line, int64_t now) {
    if (!term_.is_tty) {
      Out(line + "\n");
      return;
    }
    Draw({line}, now);
  }

  void Redraw(int64_t now) {
    if (!term_.is_tty) return;
    // Not only on SIGWINCH: while a step that runs alone has the terminal
    // (its process group is the foreground one), SIGWINCH goes to it.
    UpdateTerminalSize(&term_);
    Draw({}, now);
  }

  void Finish(int64_t now) {
    Redraw(now);
    if (term_.is_tty) Out("\x1b[?25h");
    for (const std::string& l : RenderSummary(*status_, now, term_.style)) Out(l + "\n");
  }

 private:
  // `above` scrolls away above the table (repaint.h).
  void Draw(const std::vector<std::string>& above, int64_t now) {
    std::vector<std::string> lines =
        RenderTable(*status_, term_.width - 1, term_.height - 2, now, term_.style);
    Out(Repaint(drawn_, above, lines));
    drawn_ = static_cast<int>(lines.size());
  }

  RunStatus* status_;
  TerminalInfo term_;
  int drawn_ = 0;
};

// Starts ninja with its stdout and stderr into `out_fd` (Spawn says what
// the result means). It stays in our process group, so that Ctrl-C at the
// terminal reaches it (and through it the steps) as if it ran alone; it
// keeps our stdin for the steps of its console pool, and gets `mask`, the
// signal mask we had before blocking signals for the signalfd.
pid_t StartNinja(const NinjaInvocation& inv, const std::string& events_path, int out_fd,
                 const sigset_t* mask, int* exec_errno, std::string* err) {
  std::vector<std::string> changes = {
      "WFGEN_EVENTS=" + events_path,
      std::string("NINJA_STATUS=") + NinjaOutputFilter::StatusMarker()};
  changes.insert(changes.end(), inv.env.begin(), inv.env.end());
  std::vector<std::string> env = ChangeEnvironment(ProcessEnvironment(), changes);
  SpawnOptions spawn;
  spawn.argv = {inv.ninja};
  spawn.argv.insert(spawn.argv.end(), inv.args.begin(), inv.args.end());
  spawn.env = &env;
  spawn.dir = inv.dir;
  spawn.stdout_fd = spawn.stderr_fd = out_fd;
  spawn.keep_stdin = true;
  spawn.signal_mask = mask;
  return Spawn(spawn, exec_errno, err);
}

}  // namespace

const char* NinjaOutputFilter::StatusMarker() { return "\x01wfgen-status\x01"; }

bool NinjaOutputFilter::Keep(const std::string& line) {
  if (skip_next_) {  // the command line that follows "FAILED:"
    skip_next_ = false;
    return false;
  }
  if (line.compare(0, strlen(StatusMarker()), StatusMarker()) == 0) return false;
  if (line.compare(0, 8, "FAILED: ") == 0) {
    skip_next_ = true;
    return false;
  }
  if (line == "ninja: build stopped: subcommand failed." || line == "ninja: no work to do." ||
      line == "ninja: build stopped: interrupted by user.") {
    return false;
  }
  return true;
}

int RunNinjaWithStatus(const NinjaInvocation& inv, RunStatus* status, TerminalInfo term) {
  EventSocket events;
  std::string err;
  if (!events.Open(&err)) {
    fprintf(stderr, "wfgen run: %s\n", err.c_str());
    return 1;
  }
  sigset_t mask, old_mask;
  sigemptyset(&mask);
  for (int s : {SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGCHLD}) sigaddset(&mask, s);
  sigprocmask(SIG_BLOCK, &mask, &old_mask);
  int sig_fd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);

  int out_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0) {
    fprintf(stderr, "wfgen run: pipe: %s\n", strerror(errno));
    return 1;
  }
  // What was printed through stdio comes before the table (Out writes to
  // the file descriptor).
  fflush(stdout);
  fflush(stderr);
  int exec_errno = 0;
  pid_t pid = StartNinja(inv, events.path(), out_pipe[1], &old_mask, &exec_errno, &err);
  close(out_pipe[1]);
  if (pid < 0) {
    fprintf(stderr, "wfgen run: %s\n", err.c_str());
    return 1;
  }

  status->set_started_ms(MonotonicMs());
  Display display(status, term);
  display.Start();
  NinjaOutputFilter filter;
  std::string pending;  // ninja output without its final newline yet
  // Shown where ninja's own first words would be, as any of its output.
  if (exec_errno != 0) {
    pending = "wfgen run: cannot run " + inv.ninja + ": " + strerror(exec_errno) + "\n";
  }
  bool pipe_open = true, exited = false;
  int wstatus = 0;
  char buf[65536];
  // Order across the two channels, as causality has it. A step of the
  // console pool writes its output through ninja as it comes, before its
  // "end"; other steps' output is printed by ninja after their "end"; a
  // step's "start" comes after ninja printed what finished before. So the
  // pipe is drained before a start and before the end of a console step:
  // all they follow is then in it (the event was sent after it).
  std::vector<StepEvent> batch;
  // A console-pool step: ninja prints its status line (marked, see
  // NINJA_STATUS) right before starting it, so what is before that line in
  // the pipe came earlier and what follows is the step's own output. Lines
  // after it wait until the step's start is shown (`awaiting`).
  std::string awaiting;                   // the command whose status line was seen
  std::vector<StepEvent> pending_starts;  // starts that came before their status line
  auto is_alone_command = [&](const std::string& command) {
    for (const StatusRow& row : status->rows()) {
      if (row.alone && row.command == command && row.state == RowState::kWaiting) return true;
    }
    return false;
  };
  auto read_events = [&] {
    for (;;) {
      ssize_t n = recv(events.fd(), buf, sizeof buf, 0);
      if (n <= 0) break;
      StepEvent e;
      if (ParseEvent(std::string(buf, static_cast<size_t>(n)), &e)) batch.push_back(e);
    }
  };
  auto flush_lines = [&](bool all) {
    size_t start = 0, nl;
    const std::string marker = NinjaOutputFilter::StatusMarker();
    while ((all || awaiting.empty()) && (nl = pending.find('\n', start)) != std::string::npos) {
      std::string line = pending.substr(start, nl - start);
      start = nl + 1;
      if (line.compare(0, marker.size(), marker) == 0 &&
          is_alone_command(line.substr(marker.size()))) {
        awaiting = line.substr(marker.size());
        for (auto it = pending_starts.begin(); it != pending_starts.end(); ++it) {
          if (it->command == awaiting) {
            display.Event(*it, MonotonicMs());
            pending_starts.erase(it);
            awaiting.clear();
            break;
          }
        }
      }
      if (filter.Keep(line)) display.NinjaLine(line, MonotonicMs());
    }
    pending.erase(0, start);
    if (all && !pending.empty()) {
      if (filter.Keep(pending)) display.NinjaLine(pending, MonotonicMs());
      pending.clear();
    }
  };
  auto read_pipe = [&] {
    for (;;) {
      ssize_t n = read(out_pipe[0], buf, sizeof buf);
      if (n > 0) {
        pending.append(buf, static_cast<size_t>(n));
        continue;
      }
      if (n == 0 || (errno != EINTR && errno != EAGAIN)) pipe_open = false;
      break;
    }
    flush_lines(false);
  };
  LogFollower follower;  // --group-output prefixed
  auto follow = [&](const StepEvent& e, int i) {
    if (!inv.prefix_members || i < 0) return;
    const StatusRow& row = status->rows()[static_cast<size_t>(i)];
    if (row.group < 0) return;
    if (e.kind == EventKind::kStart) follower.Start(row.key, row.log, row.label);
    if (e.kind == EventKind::kEnd) {
      for (const std::string& l : follower.Finish(row.key)) display.NinjaLine(l, MonotonicMs());
    }
  };
  auto show_events = [&] {
    for (const StepEvent& e : batch) {
      int i = status->Find(e.stamp);
      follow(e, i);
      bool alone = i >= 0 && status->rows()[static_cast<size_t>(i)].alone;
      if (alone && (e.kind == EventKind::kStart || e.kind == EventKind::kEnd)) {
        // Everything before its status line first (and the line itself).
        if (pipe_open) read_pipe();
        if (e.kind == EventKind::kStart && awaiting != e.command) {
          pending_starts.push_back(e);  // its status line is not read yet
          continue;
        }
        if (e.kind == EventKind::kEnd) {
          // Never got to its start (it skipped), or the start is pending.
          for (auto it = pending_starts.begin(); it != pending_starts.end(); ++it) {
            if (it->stamp == e.stamp) {
              display.Event(*it, MonotonicMs());
              pending_starts.erase(it);
              break;
            }
          }
        }
        if (e.kind == EventKind::kStart) display.Event(e, MonotonicMs());
        if (awaiting == e.command) awaiting.clear();
        flush_lines(false);  // the step's output up to now
        if (e.kind == EventKind::kEnd) display.Event(e, MonotonicMs());
        continue;
      }
      if (pipe_open && e.kind == EventKind::kStart) read_pipe();
      display.Event(e, MonotonicMs());
    }
    batch.clear();
  };
  // Ninja passes a stop signal to its jobs, except to those of the console
  // pool, which it leaves to the terminal's Ctrl-C: a signal sent to wfgen
  // alone must reach them too.
  auto stop_alone_steps = [&](int sig) {
    for (const StatusRow& row : status->rows()) {
      if (row.alone && row.state == RowState::kRunning && row.pid > 0) kill(row.pid, sig);
    }
  };
  fcntl(out_pipe[0], F_SETFL, O_NONBLOCK);
  while (pipe_open || !exited) {
    struct pollfd fds[3] = {
        {events.fd(), POLLIN, 0}, {pipe_open ? out_pipe[0] : -1, POLLIN, 0}, {sig_fd, POLLIN, 0}};
    int r = poll(fds, 3, term.is_tty ? 100 : 1000);
    if (r < 0 && errno != EINTR) break;
    read_events();
    show_events();
    if (pipe_open) read_pipe();
    for (const std::string& l : follower.Poll()) display.NinjaLine(l, MonotonicMs());
    if (fds[2].revents) {
      struct signalfd_siginfo si;
      while (read(sig_fd, &si, sizeof si) == sizeof si) {
        int s = static_cast<int>(si.ssi_signo);
        if (s == SIGWINCH) {
          display.Resize();
        } else if (s == SIGCHLD) {
          if (!exited && waitpid(pid, &wstatus, WNOHANG) == pid) exited = true;
        } else {
          // Ctrl-C from a terminal reaches ninja by itself; a signal sent
          // to wfgen alone must be passed on.
          if (!exited) kill(pid, s);
          stop_alone_steps(s);
        }
      }
    }
    if (!exited && waitpid(pid, &wstatus, WNOHANG) == pid) exited = true;
    display.Redraw(MonotonicMs());
  }
  read_events();
  show_events();
  for (const StepEvent& e : pending_starts) display.Event(e, MonotonicMs());
  flush_lines(true);
  close(out_pipe[0]);
  close(sig_fd);
  sigprocmask(SIG_SETMASK, &old_mask, nullptr);
  int code = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
  std::set<std::string> dirty;
  bool dirty_known = code != 0 && StillDirty(inv, &dirty);
  int64_t now = MonotonicMs();
  status->Finish(code == 0, now, dirty_known ? &dirty : nullptr);
  display.Finish(now);
  // Like `weasel run`: the failing step's own status (the first one's);
  // ninja's when no step failed (an interrupt, an error of ninja's own).
  if (code != 0 && status->FirstFailureExit() != 0) code = status->FirstFailureExit();
  return code;
}

}  // namespace wfgen
