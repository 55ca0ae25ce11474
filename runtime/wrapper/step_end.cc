// Every way out of a step that got as far as loading its spec: failed
// (with the exit status Ninja shows), stopped by a signal, or finished;
// each reports its end (event, failed-run note, group status).
#include <signal.h>

#include "runtime/base/messages.h"
#include "runtime/state/last_run.h"
#include "runtime/wrapper/step_machine.h"

namespace wfgen {

// For `wfgen explain`: how this run ended when it did not succeed.
void StepMachine::NoteFailedRun(MemberState state, const std::string& detail) {
  std::string err;
  if (state == MemberState::kSucceeded) {
    FileInfo info;
    if (disk_.Stat(FailedRunPath(spec_.name), &info, &err) && info.kind != FileKind::kMissing)
      disk_.RemoveFile(FailedRunPath(spec_.name), &err);
    return;
  }
  FailedRun f{StateName(state), detail, disk_.NowNs()};
  if (!disk_.MakeDirs(DirName(FailedRunPath(spec_.name)), &err) ||
      !disk_.WriteFileAtomic(FailedRunPath(spec_.name), RenderFailedRun(f), &err)) {
    PrintLine(Warning(err));
  }
}

int StepMachine::Finish(int code, MemberState state, const std::string& detail) {
  runner_.Finish();
  events_.Send(StepEvent{EventKind::kEnd, options_.stamp, spec_.name,
                         StateName(state) + (detail.empty() ? "" : " " + detail), code});
  if (state != MemberState::kSkipped) NoteFailedRun(state, detail);
  if (run_) EndInGroup(state, detail);
  return code;
}

int StepMachine::DieOfSignal(int sig) {
  die_of_signal_ = sig;
  return Finish(128 + sig, MemberState::kTerminated, "interrupted");
}

// A stop signal arrived. From a failing sibling: report "terminated" and
// exit normally (a signal death would make Ninja treat it as Ctrl-C). From
// anywhere else (Ctrl-C, ninja, kill): die of the same signal.
int StepMachine::Stopped(int sig) {
  WriteDepfile(current_.deps, current_.outs);
  std::string cause = run_ ? run_->FailedMember() : "";
  if (cause.empty() || cause == spec_.name) return DieOfSignal(sig);
  PrintNote("'" + spec_.name + "' terminated because '" + cause +
            "' failed (its log: " + ShownLog() + ")");
  return Finish(kTerminatedExit, MemberState::kTerminated, cause);
}

int StepMachine::Failed(const LineResult& r, size_t failed_line, StepOutput* out) {
  WriteDepfile(current_.deps, current_.outs);
  std::string where = "line " + std::to_string(failed_line + 1) + " of '" + spec_.name + "'";
  int code = 1;
  std::string what, detail;  // for people; for the status
  switch (r.kind) {
    case LineResult::kSpawnFailed:
      what = detail = r.error;
      code = r.NotFound() ? 127 : 1;
      break;
    case LineResult::kSignaled:
      detail = "killed by " + SignalName(r.code);
      what = "was " + detail;
      code = 128 + r.code;
      break;
    case LineResult::kExited:
      detail = "exit code " + std::to_string(r.code);
      what = "failed with " + detail;
      code = r.code;
      break;
    case LineResult::kLauncher:  // "stopped by Slurm: TIME LIMIT (job 12)"
      detail = r.error;
      what = "was " + detail;
      code = r.code;
      break;
  }
  std::string attempt = AttemptText();
  out->Say(Note(where + (r.kind == LineResult::kSpawnFailed ? ": " : " ") + what +
                (attempt.empty() ? "" : " (" + attempt + ", the last)")));
  if (!attempt.empty() && attempt_ < spec_.retries.attempts()) {
    out->Say(Note("not retried: " +
                  std::string(code == 126 || code == 127 || r.kind == LineResult::kSpawnFailed
                                  ? "another attempt would fail the same way"
                                  : "`retries: on:` does not name it")));
  }
  if (!attempt.empty()) detail += ", " + attempt;
  if (run_) StopGroupAfterFailure(code);
  return Finish(code, MemberState::kFailed, detail);
}

}  // namespace wfgen
