// Loading the step and deciding: the spec, the group, the locks, then
// Evaluate (runtime/state/evaluate.h); a step with nothing changed skips.
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <cstdlib>

#include "runtime/base/messages.h"
#include "runtime/state/record.h"
#include "runtime/wrapper/step_machine.h"

namespace wfgen {
namespace {

std::string Absolute(const std::string& cwd, const std::string& path) {
  if (path.empty() || path[0] == '/') return path;
  return cwd + "/" + path;
}

}  // namespace

bool StepMachine::Load(std::string* err) {
  if (!dir_.Get(&cwd_, err)) return false;
  std::string text;
  if (!disk_.ReadFile(options_.spec_path, &text, err)) return false;
  if (!ParseStepSpec(text, &spec_, err)) {
    *err = options_.spec_path + ": " + *err;
    return false;
  }
  if (!options_.group_file.empty()) {
    std::string gtext;
    if (!disk_.ReadFile(options_.group_file, &gtext, err) || !ParseGroupSpec(gtext, &group_, err)) {
      *err = options_.group_file + ": " + *err;
      return false;
    }
    run_.emplace(&disk_, Absolute(cwd_, group_.run_dir), CurrentRunId());
  }
  runner_.set_grace_ms(spec_.grace_ms);
  if (ForcedByEnvironment(getenv("WFGEN_FORCE"), spec_.name)) options_.forced = true;
  options_.stamp = Absolute(cwd_, options_.stamp);
  options_.depfile = Absolute(cwd_, options_.depfile);
  options_.ran = Absolute(cwd_, options_.ran);
  if (!dir_.Enter(spec_.project_dir, err)) {
    *err = "cannot enter project directory " + spec_.project_dir + ": " + *err;
    return false;
  }
  return true;
}

int StepMachine::Run() {
  std::string err;
  if (!runner_.Init(&err) || !Load(&err)) {
    PrintLine("wfgen-run: " + err);
    return 2;
  }
  // When ninja dies (even of SIGKILL), stop like on Ctrl-C.
  pid_t parent = getppid();
  prctl(PR_SET_PDEATHSIG, SIGTERM, 0, 0, 0);
  if (getppid() != parent) raise(SIGTERM);

  if (run_) {
    int code = JoinGroup();
    if (code >= 0) return code;
  }
  // Another run of this project, or of this command, may be going on.
  switch (locks_.LockStep(
      spec_.name, [this] { return runner_.StopSignal() != 0; }, &err)) {
    case ClaimResult::kOwned: break;
    case ClaimResult::kCancelled: return Stopped(runner_.StopSignal());
    default: PrintNote(err); return Finish(1, MemberState::kFailed, err);
  }
  if (!Evaluate(&disk_, spec_, options_.forced, &eval_, &err)) {
    PrintNote(spec_.name + ": " + err);
    return Finish(1, MemberState::kFailed, err);
  }
  if (!eval_.record_error.empty()) {
    PrintLine(Warning("ignoring unreadable record " + eval_.record_error + "; '" + spec_.name +
                      "' will run"));
  }
  if (int sig = runner_.StopSignal()) return Stopped(sig);
  if (!eval_.decision.run) return Skip();
  return Execute();
}

int StepMachine::Skip() {
  WriteDepfile(current_.deps, current_.outs);
  EnsureStamp(false);
  // Files were re-read (touched, or hashed too soon after being written):
  // store their new stat keys so that the next check reads nothing.
  if (eval_.files_hashed > 0 && eval_.record) {
    Record fresh = *eval_.record;
    fresh.deps = current_.deps;
    fresh.outs = current_.outs;
    fresh.hashed_at_ns = eval_.hashed_at_ns;
    std::string err;
    disk_.WriteFileAtomic(RecordPath(spec_.name), RenderRecord(fresh), &err);
  }
  // Group members say it themselves too: their replay may not run.
  PrintLine("Skipping '" + spec_.name + "': nothing changed");
  return Finish(0, MemberState::kSkipped, "");
}

}  // namespace wfgen
