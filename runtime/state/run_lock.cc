#include "runtime/state/run_lock.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <sstream>

#include "runtime/base/clock.h"
#include "runtime/base/disk.h"
#include "runtime/base/file_lock.h"
#include "runtime/base/messages.h"
#include "runtime/base/proc.h"
#include "runtime/state/group.h"
#include "runtime/state/layout.h"
#include "runtime/state/step_spec.h"

namespace wfgen {
namespace {

constexpr char kMagic[] = "wfgen-owner 1";

pid_t PidOf(const std::string& identity) {
  return static_cast<pid_t>(strtol(identity.c_str(), nullptr, 10));
}

// True if `identity` is this process or one of its ancestors.
bool IsSelfOrAncestor(const std::string& identity) {
  pid_t pid = getpid();
  for (int depth = 0; depth < 128 && pid > 1; ++depth) {
    if (pid == PidOf(identity)) return ProcessIdentity(pid) == identity;
    pid = ProcParent(pid);
  }
  return false;
}

// "pid 123: ninja all", for messages.
std::string Describe(const std::string& identity) {
  pid_t pid = PidOf(identity);
  std::string cmdline = ReadProcFile(pid, "cmdline");
  for (char& c : cmdline) {
    if (c == '\0') c = ' ';
  }
  while (!cmdline.empty() && cmdline.back() == ' ') cmdline.pop_back();
  if (cmdline.size() > 120) cmdline = cmdline.substr(0, 117) + "...";
  return "pid " + std::to_string(pid) + (cmdline.empty() ? "" : ": " + cmdline);
}

// The owner named in the file, or "" (none, or not a file we wrote).
std::string ReadOwner(int fd) {
  std::string text;
  char buf[256];
  if (lseek(fd, 0, SEEK_SET) != 0) return "";
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0 && text.size() < 4096) {
    text.append(buf, static_cast<size_t>(n));
  }
  std::istringstream in(text);
  std::string magic, key, owner;
  if (!std::getline(in, magic) || magic != kMagic) return "";
  if (!(in >> key >> owner) || key != "owner") return "";
  return owner;
}

bool WriteOwner(int fd, const std::string& owner, std::string* err) {
  // Rewritten in place under the flock: every reader takes the flock too,
  // so none sees it half-written.
  std::string text = std::string(kMagic) + "\nowner " + owner + "\n";
  if (ftruncate(fd, 0) != 0 ||
      pwrite(fd, text.data(), text.size(), 0) != static_cast<ssize_t>(text.size())) {
    *err = std::string("cannot write the project's owner file: ") + strerror(errno);
    return false;
  }
  return true;
}

int OpenLockFile(Disk* disk, const std::string& path, std::string* err) {
  if (!disk->MakeDirs(DirName(path), err)) return -1;
  int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) *err = "cannot open " + path + ": " + strerror(errno);
  return fd;
}

struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) close(fd);
  }
};

}  // namespace

LockWait LockWaitFromEnvironment() {
  const char* v = getenv("WFGEN_LOCK");
  return v && strcmp(v, "fail") == 0 ? LockWait::kFail : LockWait::kWait;
}

ClaimResult ClaimProject(const ClaimRequest& request, int* active_fd, std::string* err) {
  *active_fd = -1;
  std::string dir = LocksDir(request.project_dir);
  Fd file{OpenLockFile(request.disk, dir + "/owner", err)};
  if (file.fd < 0) return ClaimResult::kError;
  Fd active{OpenLockFile(request.disk, dir + "/active", err)};
  if (active.fd < 0) return ClaimResult::kError;
  bool told = false;
  for (;;) {
    // Held only for this read-and-rewrite, never while waiting.
    while (flock(file.fd, LOCK_EX) != 0) {
      if (errno != EINTR) {
        *err = std::string("cannot lock the project's owner file: ") + strerror(errno);
        return ClaimResult::kError;
      }
    }
    std::string owner = ReadOwner(file.fd);
    // The common case (a step of the owning run) reads nothing from /proc.
    bool ours = owner == request.owner;
    bool gone = false;
    if (!ours) {
      gone = owner.empty() || ProcessIdentity(PidOf(owner)) != owner;
      ours = !gone && IsSelfOrAncestor(owner);
    }
    std::string holder;
    if (gone) {
      // Take over only when no wfgen-run of the old owner is still
      // stopping its step.
      if (flock(active.fd, LOCK_EX | LOCK_NB) == 0) {
        bool ok = WriteOwner(file.fd, request.owner, err);
        flock(active.fd, LOCK_SH);  // converted: our own steps share it
        flock(file.fd, LOCK_UN);
        if (!ok) return ClaimResult::kError;
        *active_fd = active.fd;
        active.fd = -1;
        return ClaimResult::kOwned;
      }
      holder = "steps of a run that ended are still stopping";
    } else if (!ours) {
      holder = Describe(owner);
    }
    flock(file.fd, LOCK_UN);
    if (ours) {
      std::string why;
      LockResult r = WaitForLock(active.fd, LOCK_SH, request.cancelled, nullptr, &why);
      if (r == LockResult::kError) *err = "cannot lock: " + why;
      if (r != LockResult::kLocked) {
        return r == LockResult::kError ? ClaimResult::kError : ClaimResult::kCancelled;
      }
      *active_fd = active.fd;
      active.fd = -1;
      return ClaimResult::kOwned;
    }
    // Steps of a run that has ended are about to be gone: always wait.
    if (request.how == LockWait::kFail && !gone) {
      *err = "another run of this project is in progress (" + holder +
             "); wait for it to finish, or stop it";
      return ClaimResult::kBusy;
    }
    if (!told && request.waiting) request.waiting(holder);
    told = true;
    if (!SleepUnlessCancelled(100, request.cancelled)) return ClaimResult::kCancelled;
  }
}

ProjectLock::~ProjectLock() { Release(); }

ClaimResult ProjectLock::Acquire(const std::string& project_dir, LockWait how, std::string* err,
                                 const std::function<bool()>& cancelled,
                                 const std::function<void(const std::string&)>& waiting) {
  ClaimRequest request;
  request.disk = disk_;
  request.project_dir = project_dir;
  request.owner = ProcessIdentity(getpid());
  request.how = how;
  request.cancelled = cancelled;
  request.waiting = waiting;
  Release();
  ClaimResult r = ClaimProject(request, &active_fd_, err);
  if (r == ClaimResult::kOwned) {
    project_dir_ = project_dir;
    owner_ = request.owner;
  }
  return r;
}

void ProjectLock::Release() {
  if (owner_.empty()) return;
  std::string err;
  Fd file{OpenLockFile(disk_, LocksDir(project_dir_) + "/owner", &err)};
  if (file.fd >= 0 && flock(file.fd, LOCK_EX) == 0) {
    if (ReadOwner(file.fd) == owner_ && ftruncate(file.fd, 0) != 0) {
      // Left as it is: a dead owner is replaced by the next claimant anyway.
    }
    flock(file.fd, LOCK_UN);
  }
  owner_.clear();
  if (active_fd_ >= 0) close(active_fd_);
  active_fd_ = -1;
}

StepLocks::~StepLocks() {
  if (active_fd_ >= 0) close(active_fd_);
}

CommandLock::~CommandLock() {
  if (fd_ >= 0) close(fd_);
}

ClaimResult CommandLock::Acquire(const std::string& project_dir, const std::string& command,
                                 const std::function<bool()>& cancelled, bool* waited,
                                 std::string* err) {
  *waited = false;
  int fd = OpenLockFile(disk_, LocksDir(project_dir) + "/" + FileSafeName(command) + ".lock", err);
  if (fd < 0) return ClaimResult::kError;
  std::string why;
  LockResult r = WaitForLock(fd, LOCK_EX, cancelled, waited, &why);
  if (r != LockResult::kLocked) {
    close(fd);
    if (r == LockResult::kCancelled) return ClaimResult::kCancelled;
    *err = "cannot lock " + command + ": " + why;
    return ClaimResult::kError;
  }
  fd_ = fd;
  return ClaimResult::kOwned;
}

ClaimResult StepLocks::Acquire(const std::string& command, const std::function<bool()>& cancelled,
                               std::string* err) {
  int64_t start = MonotonicMs();
  std::string holder;
  ClaimRequest request;
  request.disk = disk_;
  request.project_dir = ".";
  // Orphaned (ninja died, the stop signal is on its way): claiming for
  // init would block every later run for good.
  pid_t parent = getppid();
  request.owner = parent > 1 ? ProcessIdentity(parent) : "";
  if (request.owner.empty()) {
    *err = "ninja, which started this step, is gone";
    return ClaimResult::kError;
  }
  request.how = LockWaitFromEnvironment();
  request.cancelled = cancelled;
  request.waiting = [&holder](const std::string& h) { holder = h; };
  ClaimResult r = ClaimProject(request, &active_fd_, err);
  if (r != ClaimResult::kOwned) return r;
  if (!holder.empty()) {
    char buf[32];
    snprintf(buf, sizeof buf, "%.1f", static_cast<double>(MonotonicMs() - start) / 1000.0);
    PrintNote("'" + command + "' waited " + buf + " s for another run of this project (" + holder +
              ") to finish");
  }
  start = MonotonicMs();
  bool waited = false;
  r = command_.Acquire(".", command, cancelled, &waited, err);
  if (r == ClaimResult::kOwned && waited) {
    char buf[32];
    snprintf(buf, sizeof buf, "%.1f", static_cast<double>(MonotonicMs() - start) / 1000.0);
    PrintNote("'" + command + "' waited " + buf + " s for another wfgen-run of it to finish");
  }
  return r;
}

}  // namespace wfgen
