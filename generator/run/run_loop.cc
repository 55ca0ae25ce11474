#include "generator/run/run_loop.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>

#include "generator/run/event_socket.h"
#include "generator/run/log_follow.h"
#include "generator/run/run_display.h"
#include "generator/run/still_dirty.h"
#include "runtime/base/clock.h"
#include "runtime/base/environment.h"
#include "runtime/base/spawn.h"
#include "runtime/state/events.h"

namespace wfgen {
namespace {

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

// One run of ninja: its output pipe, the events socket and the signals,
// read in one poll loop, and put in the order causality has them before
// they reach the display.
//
// Order across the two channels: a step of the console pool writes its
// output through ninja as it comes, before its "end"; other steps' output
// is printed by ninja after their "end"; a step's "start" comes after
// ninja printed what finished before. So the pipe is drained before a
// start and before the end of a console step: all they follow is then in
// it (the event was sent after it).
//
// A console-pool step: ninja prints its status line (marked, see
// NINJA_STATUS) right before starting it, so what is before that line in
// the pipe came earlier and what follows is the step's own output. Lines
// after it wait until the step's start is shown (`awaiting_`).
class NinjaSession {
 public:
  NinjaSession(const NinjaInvocation& inv, RunStatus* status, RunDisplay* display, int events_fd,
               int out_fd, int sig_fd, pid_t pid)
      : inv_(inv), status_(status), display_(display), events_fd_(events_fd), out_fd_(out_fd),
        sig_fd_(sig_fd), pid_(pid) {}

  // `first_output`: shown where ninja's own first words would be.
  void set_first_output(const std::string& text) { pending_ = text; }
  // Until ninja has exited and its output is read; ninja's wait status.
  int Loop(bool is_tty);

 private:
  void ReadEvents();
  void ReadPipe();
  void FlushLines(bool all);
  void ShowEvents();
  void ShowAloneEvent(const StepEvent& e);
  void Follow(const StepEvent& e, int i);
  void HandleSignals();
  void StopAloneSteps(int sig);
  bool IsAloneCommandWaiting(const std::string& command) const;
  int64_t Now() const { return MonotonicMs(); }

  const NinjaInvocation& inv_;
  RunStatus* status_;
  RunDisplay* display_;
  int events_fd_, out_fd_, sig_fd_;
  pid_t pid_;
  bool pipe_open_ = true, exited_ = false;
  int wstatus_ = 0;
  char buf_[65536];
  NinjaOutputFilter filter_;
  std::string pending_;  // ninja output without its final newline yet
  std::vector<StepEvent> batch_;
  std::string awaiting_;                   // the command whose status line was seen
  std::vector<StepEvent> pending_starts_;  // starts that came before their status line
  LogFollower follower_;                   // --group-output prefixed
};

bool NinjaSession::IsAloneCommandWaiting(const std::string& command) const {
  for (const StatusRow& row : status_->rows()) {
    if (row.alone && row.command == command && row.state == RowState::kWaiting) return true;
  }
  return false;
}

void NinjaSession::ReadEvents() {
  for (;;) {
    ssize_t n = recv(events_fd_, buf_, sizeof buf_, 0);
    if (n <= 0) break;
    StepEvent e;
    if (ParseEvent(std::string(buf_, static_cast<size_t>(n)), &e)) batch_.push_back(e);
  }
}

void NinjaSession::FlushLines(bool all) {
  size_t start = 0, nl;
  const std::string marker = NinjaOutputFilter::StatusMarker();
  while ((all || awaiting_.empty()) && (nl = pending_.find('\n', start)) != std::string::npos) {
    std::string line = pending_.substr(start, nl - start);
    start = nl + 1;
    if (line.compare(0, marker.size(), marker) == 0 &&
        IsAloneCommandWaiting(line.substr(marker.size()))) {
      awaiting_ = line.substr(marker.size());
      for (auto it = pending_starts_.begin(); it != pending_starts_.end(); ++it) {
        if (it->command == awaiting_) {
          display_->Event(*it, Now());
          pending_starts_.erase(it);
          awaiting_.clear();
          break;
        }
      }
    }
    if (filter_.Keep(line)) display_->NinjaLine(line, Now());
  }
  pending_.erase(0, start);
  if (all && !pending_.empty()) {
    if (filter_.Keep(pending_)) display_->NinjaLine(pending_, Now());
    pending_.clear();
  }
}

void NinjaSession::ReadPipe() {
  for (;;) {
    ssize_t n = read(out_fd_, buf_, sizeof buf_);
    if (n > 0) {
      pending_.append(buf_, static_cast<size_t>(n));
      continue;
    }
    if (n == 0 || (errno != EINTR && errno != EAGAIN)) pipe_open_ = false;
    break;
  }
  FlushLines(false);
}

void NinjaSession::Follow(const StepEvent& e, int i) {
  if (!inv_.prefix_members || i < 0) return;
  const StatusRow& row = status_->rows()[static_cast<size_t>(i)];
  if (row.group < 0) return;
  if (e.kind == EventKind::kStart) follower_.Start(row.key, row.log, row.label);
  if (e.kind == EventKind::kEnd) {
    for (const std::string& l : follower_.Finish(row.key)) display_->NinjaLine(l, Now());
  }
}

// The start or end of a step that has the terminal (console pool).
void NinjaSession::ShowAloneEvent(const StepEvent& e) {
  // Everything before its status line first (and the line itself).
  if (pipe_open_) ReadPipe();
  if (e.kind == EventKind::kStart && awaiting_ != e.command) {
    pending_starts_.push_back(e);  // its status line is not read yet
    return;
  }
  if (e.kind == EventKind::kEnd) {
    // Never got to its start (it skipped), or the start is pending.
    for (auto it = pending_starts_.begin(); it != pending_starts_.end(); ++it) {
      if (it->stamp == e.stamp) {
        display_->Event(*it, Now());
        pending_starts_.erase(it);
        break;
      }
    }
  }
  if (e.kind == EventKind::kStart) display_->Event(e, Now());
  if (awaiting_ == e.command) awaiting_.clear();
  FlushLines(false);  // the step's output up to now
  if (e.kind == EventKind::kEnd) display_->Event(e, Now());
}

void NinjaSession::ShowEvents() {
  for (const StepEvent& e : batch_) {
    int i = status_->Find(e.stamp);
    Follow(e, i);
    bool alone = i >= 0 && status_->rows()[static_cast<size_t>(i)].alone;
    if (alone && (e.kind == EventKind::kStart || e.kind == EventKind::kEnd)) {
      ShowAloneEvent(e);
      continue;
    }
    if (pipe_open_ && e.kind == EventKind::kStart) ReadPipe();
    display_->Event(e, Now());
  }
  batch_.clear();
}

// Ninja passes a stop signal to its jobs, except to those of the console
// pool, which it leaves to the terminal's Ctrl-C: a signal sent to wfgen
// alone must reach them too.
void NinjaSession::StopAloneSteps(int sig) {
  for (const StatusRow& row : status_->rows()) {
    if (row.alone && row.state == RowState::kRunning && row.pid > 0) kill(row.pid, sig);
  }
}

void NinjaSession::HandleSignals() {
  struct signalfd_siginfo si;
  while (read(sig_fd_, &si, sizeof si) == sizeof si) {
    int s = static_cast<int>(si.ssi_signo);
    if (s == SIGWINCH) {
      display_->Resize();
    } else if (s == SIGCHLD) {
      if (!exited_ && waitpid(pid_, &wstatus_, WNOHANG) == pid_) exited_ = true;
    } else {
      // Ctrl-C from a terminal reaches ninja by itself; a signal sent
      // to wfgen alone must be passed on.
      if (!exited_) kill(pid_, s);
      StopAloneSteps(s);
    }
  }
}

int NinjaSession::Loop(bool is_tty) {
  fcntl(out_fd_, F_SETFL, O_NONBLOCK);
  while (pipe_open_ || !exited_) {
    struct pollfd fds[3] = {
        {events_fd_, POLLIN, 0}, {pipe_open_ ? out_fd_ : -1, POLLIN, 0}, {sig_fd_, POLLIN, 0}};
    int r = poll(fds, 3, is_tty ? 100 : 1000);
    if (r < 0 && errno != EINTR) break;
    ReadEvents();
    ShowEvents();
    if (pipe_open_) ReadPipe();
    for (const std::string& l : follower_.Poll()) display_->NinjaLine(l, Now());
    if (fds[2].revents) HandleSignals();
    if (!exited_ && waitpid(pid_, &wstatus_, WNOHANG) == pid_) exited_ = true;
    display_->Redraw(Now());
  }
  ReadEvents();
  ShowEvents();
  for (const StepEvent& e : pending_starts_) display_->Event(e, Now());
  FlushLines(true);
  return wstatus_;
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
  // What was printed through stdio comes before the table (the display
  // writes to the file descriptor).
  fflush(stdout);
  fflush(stderr);
  // Before ninja starts: the wrappers' times (events.h) come after it.
  status->set_started_ms(MonotonicMs());
  int exec_errno = 0;
  pid_t pid = StartNinja(inv, events.path(), out_pipe[1], &old_mask, &exec_errno, &err);
  close(out_pipe[1]);
  if (pid < 0) {
    fprintf(stderr, "wfgen run: %s\n", err.c_str());
    return 1;
  }

  RunDisplay display(status, term);
  display.Start();
  NinjaSession session(inv, status, &display, events.fd(), out_pipe[0], sig_fd, pid);
  if (exec_errno != 0) {
    session.set_first_output("wfgen run: cannot run " + inv.ninja + ": " + strerror(exec_errno) +
                             "\n");
  }
  int wstatus = session.Loop(term.is_tty);
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
