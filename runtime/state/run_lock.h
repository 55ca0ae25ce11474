// Keeping concurrent runs of one project apart.
//
// Records and logs belong to the project (docs/design.md), so two runs at
// once (two `ninja all` in one build directory, ninja in two build
// directories of one project, `wfgen run` beside a plain ninja) would run
// one step twice at the same time, or one step while another rewrites its
// inputs, and could record a result that matches neither. So:
//
// - One *run* at a time owns the project. `<project>/.wfgen/locks/owner`
//   names it by process identity ("pid.starttime", group.h), which a dead
//   process (finished, crashed, SIGKILLed) can never match again: an owner
//   that is gone is simply replaced, nothing stale can block.
//   wfgen-run claims the project for its ninja before it evaluates a step;
//   steps of the owning run proceed, and so do steps of a run started from
//   inside the owner (the owner is an ancestor: `wfgen run` holding the
//   project around its ninja, or a step that runs ninja itself). A step of
//   another run waits until the owner has exited, then evaluates by
//   content (and usually skips), or with WFGEN_LOCK=fail fails at once
//   with a message naming the owner.
// - One wfgen-run at a time runs a given command (a flock(2) on
//   `<project>/.wfgen/locks/NAME.lock`, released however the process ends):
//   `ninja all train` starts the workflow's and the standalone `train`
//   together.
//
// - Every wfgen-run of the owning run holds a shared flock(2) on
//   `<project>/.wfgen/locks/active` for as long as it lives, and a run
//   takes the project over from an owner that is gone only when it can lock
//   that file exclusively: after a killed ninja, its wrappers stop their
//   steps (SIGTERM, grace period, SIGKILL) before anyone else starts one.
//
// The owner file is read and rewritten under flock(2), so two claimants
// never both win. Waiting polls (every 100 ms), so a stop signal (Ctrl-C,
// a failing group sibling) ends the wait at once.
//
// Two ninja processes in one build directory also share .ninja_log and
// .ninja_deps, which wfgen cannot lock: ninja appends whole lines, and the
// worst a concurrent recompaction does is lose entries, which makes Ninja
// start a step's wrapper once more next time; the wrapper then decides by
// content. docs/reliability.md has the details.
#pragma once

#include <functional>
#include <string>

#include "runtime/base/disk.h"

namespace wfgen {

enum class LockWait { kWait, kFail };

// WFGEN_LOCK=fail means kFail; anything else (or unset) kWait.
LockWait LockWaitFromEnvironment();

// Every lock below takes the Disk to create the locks directory; the lock
// files themselves are held with flock(2), so that Disk must be the real
// file system (a fake one has no locks to share between processes).

struct ClaimRequest {
  Disk* disk = nullptr;
  std::string project_dir;  // the directory holding .wfgen/ ("." is fine)
  std::string owner;        // identity of the run: ProcessIdentity(pid)
  LockWait how = LockWait::kWait;
  std::function<bool()> cancelled;  // polled while waiting; may be empty
  // Called once, when the claim has to wait, with a description of the
  // owner ("pid 123: ninja all").
  std::function<void(const std::string& holder)> waiting;
};

enum class ClaimResult { kOwned, kCancelled, kBusy, kError };

// Claims the project for request.owner. kOwned: the owner (or an ancestor
// of this process) holds it now, and *active_fd holds the shared lock on
// `active` (keep it open as long as steps may run; it is close-on-exec).
// kBusy (only for kFail): another live run holds it; *err names it. (The
// wfgen-runs of an owner that is gone are always waited for.)
// kCancelled: `cancelled` returned true while waiting. kError: the lock
// files cannot be used; *err says why.
ClaimResult ClaimProject(const ClaimRequest& request, int* active_fd, std::string* err);

// For `wfgen run` (and anything else that runs ninja for a project): owns
// the project for this process while the object lives, so that no other
// run starts steps in between; the ninja it starts is a descendant and
// proceeds.
class ProjectLock {
 public:
  explicit ProjectLock(Disk* disk) : disk_(disk) {}
  ~ProjectLock();
  ProjectLock(const ProjectLock&) = delete;
  ProjectLock& operator=(const ProjectLock&) = delete;

  ClaimResult Acquire(const std::string& project_dir, LockWait how, std::string* err,
                      const std::function<bool()>& cancelled = nullptr,
                      const std::function<void(const std::string& holder)>& waiting = nullptr);
  // Gives the project up now (if this process still owns it).
  void Release();

 private:
  Disk* disk_;
  std::string project_dir_;
  std::string owner_;
  int active_fd_ = -1;
};

// The lock wfgen-run holds for one command, from before it evaluates the
// step until it exits.
class CommandLock {
 public:
  explicit CommandLock(Disk* disk) : disk_(disk) {}
  ~CommandLock();
  CommandLock(const CommandLock&) = delete;
  CommandLock& operator=(const CommandLock&) = delete;

  // Waits (polling `cancelled`) while another process holds the command.
  // *waited tells whether it had to.
  ClaimResult Acquire(const std::string& project_dir, const std::string& command,
                      const std::function<bool()>& cancelled, bool* waited, std::string* err);

 private:
  Disk* disk_;
  int fd_ = -1;
};

// Both, as wfgen-run takes them at the start of a step: the project for
// its parent (ninja), then the command. Prints a line when it had to wait.
class StepLocks {
 public:
  explicit StepLocks(Disk* disk) : disk_(disk), command_(disk) {}
  ~StepLocks();
  StepLocks(const StepLocks&) = delete;
  StepLocks& operator=(const StepLocks&) = delete;

  ClaimResult Acquire(const std::string& command, const std::function<bool()>& cancelled,
                      std::string* err);
  // The shared lock on `active`, for the guardian to keep (subprocess.h).
  int active_fd() const { return active_fd_; }

 private:
  Disk* disk_;
  int active_fd_ = -1;
  CommandLock command_;
};

}  // namespace wfgen
