// Parallel groups at run time: what the members of one group share while
// Ninja runs them side by side.
//
// Ninja knows nothing of groups; the members coordinate through a small
// run-state directory (docs/runtime.md, "Parallel groups"):
//
//   <run>/<member>.pid     "pid starttime runid" while the member runs
//   <run>/<member>.status  "runid state detail" when it ended
//   <run>/failed           "runid member code", created (O_EXCL) by the
//                          first member to fail in a run
//
// A "run" is one ninja invocation, identified by the pid and start time of
// the process that started the wrapper (ninja), so state left by an earlier
// run never confuses a later one.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "runtime/base/disk.h"

namespace wfgen {

// What the generator tells members about their group (.wfgen/groups/*).
struct GroupSpec {
  std::string label;                 // "group 2 of workflow 'all'"
  std::string project;               // project directory, relative to the build dir
  std::string run_dir;               // run-state directory, relative to the build dir
  std::vector<std::string> members;  // command names, in declaration order
};

std::string RenderGroupSpec(const GroupSpec& spec);
bool ParseGroupSpec(const std::string& text, GroupSpec* spec, std::string* err);

// "<pid>.<starttime>" of `pid` (start time in clock ticks since boot, from
// /proc), or "" if the process does not exist.
std::string ProcessIdentity(pid_t pid);

// The identity of this run: that of our parent (ninja).
std::string CurrentRunId();

// True when the parent ninja was told to keep going (-k 0 or -k N>1), so a
// failure must not stop the rest of a group. WFGEN_KEEP_GOING=1/0 overrides.
bool KeepGoing();

enum class MemberState { kSucceeded, kSkipped, kFailed, kTerminated, kNotStarted };

struct MemberStatus {
  std::string member;
  MemberState state = MemberState::kNotStarted;
  std::string detail;  // "exit code 3"; for terminated: the member that failed
};

std::string StateName(MemberState s);

class GroupRun {
 public:
  // `run_dir` relative to the current directory (the build directory).
  // The files go through `disk`, which must outlive the object; only
  // TerminateOthers touches processes.
  GroupRun(Disk* disk, std::string run_dir, std::string run_id)
      : disk_(disk), dir_(std::move(run_dir)), run_id_(std::move(run_id)) {}

  bool Register(const std::string& member, std::string* err);
  void Unregister(const std::string& member);
  void WriteStatus(const std::string& member, MemberState state, const std::string& detail);
  // Status of `member` in this run; kNotStarted if it has none.
  MemberStatus ReadStatus(const std::string& member) const;

  // The member that failed first in this run, or "".
  std::string FailedMember() const;
  // Claims "first failure" for `member`. False if another member already
  // failed in this run (then *first names it).
  bool ClaimFailure(const std::string& member, int code, std::string* first);

  // Sends SIGTERM to every other registered member of this run; returns
  // the names of those signalled.
  std::vector<std::string> TerminateOthers(const std::string& self,
                                           const std::vector<std::string>& members);

 private:
  std::string Path(const std::string& member, const char* ext) const;
  // The file's text, or "" when it cannot be read (not written yet).
  std::string ReadSmall(const std::string& path) const;
  Disk* disk_;
  std::string dir_;
  std::string run_id_;
};

}  // namespace wfgen
