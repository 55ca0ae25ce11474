// A parallel group member's part of a step (runtime/state/group.h): it
// registers in the group's run, stops its siblings when it fails for good,
// reports its state and touches its "ran" marker; and the group's replay.
#include <string.h>

#include <cstdlib>

#include "runtime/base/messages.h"
#include "runtime/wrapper/step_machine.h"

namespace wfgen {

// Returns the exit status when a sibling already failed (the member is
// not started), else -1.
int StepMachine::JoinGroup() {
  std::string err;
  std::string failed = run_->FailedMember();
  if (!failed.empty() && failed != spec_.name) {
    PrintNote("'" + spec_.name + "' not started because '" + failed + "' failed");
    return Finish(kTerminatedExit, MemberState::kTerminated, failed);
  }
  if (!run_->Register(spec_.name, &err)) PrintLine(Warning(err));
  return -1;
}

void StepMachine::StopGroupAfterFailure(int code) {
  // A member's output went only to its log: show it now, since the group
  // will not get to its replay.
  PrintLine("---- log of '" + spec_.name + "' (" + ShownLog() + ") ----");
  PrintFile(LogPath(spec_.name), ShownLog());
  if (!KeepGoing()) {
    std::string first;
    if (run_->ClaimFailure(spec_.name, code, &first)) {
      std::vector<std::string> stopped = run_->TerminateOthers(spec_.name, group_.members);
      std::string list;
      for (const std::string& m : stopped) list += (list.empty() ? "'" : ", '") + m + "'";
      PrintNote("'" + spec_.name + "' failed, so the rest of " + group_.label +
                (stopped.empty()
                     ? " is not started"
                     : " is stopped: terminating " + list + " (SIGTERM, then SIGKILL after " +
                           Seconds(spec_.grace_ms) + ")"));
    }
  }
}

void StepMachine::EndInGroup(MemberState state, const std::string& detail) {
  run_->WriteStatus(spec_.name, state, detail);
  run_->Unregister(spec_.name);
  // The group's replay depends on the marker: touch it when there is
  // something to replay, so that a member that only skipped lets restat
  // prune the replay (and the next null build) entirely.
  std::string err;
  FileInfo info;
  bool missing = disk_.Stat(options_.ran, &info, &err) && info.kind == FileKind::kMissing;
  if (!options_.ran.empty() && (state != MemberState::kSkipped || missing) &&
      !(disk_.MakeDirs(DirName(options_.ran), &err) && disk_.Touch(options_.ran, &err))) {
    PrintLine(Warning(err));
  }
}

int ReplayGroup(Disk* disk, const std::string& group_file, const std::string& stamp) {
  std::string text, err;
  GroupSpec group;
  if (!disk->ReadFile(group_file, &text, &err) || !ParseGroupSpec(text, &group, &err)) {
    PrintLine("wfgen-run: " + group_file + ": " + err);
    return 2;
  }
  GroupRun run(disk, group.run_dir, CurrentRunId());
  // `wfgen run --group-output prefixed` showed the lines as they came.
  const char* mode = getenv("WFGEN_GROUP_OUTPUT");
  bool shown = mode && strcmp(mode, "prefixed") == 0;
  for (const std::string& m : group.members) {
    if (shown) break;
    MemberStatus st = run.ReadStatus(m);
    // Members that skipped said so when they ended.
    if (st.state != MemberState::kNotStarted && st.state != MemberState::kSkipped) {
      std::string log = JoinPath(group.project, LogPath(m));
      PrintLine("==== " + m + " ====");
      PrintFile(log, log);
    }
  }
  if (!stamp.empty() && !(disk->MakeDirs(DirName(stamp), &err) && disk->Touch(stamp, &err))) {
    PrintLine(Warning(err));
  }
  return 0;
}

}  // namespace wfgen
