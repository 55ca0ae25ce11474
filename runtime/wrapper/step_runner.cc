#include "runtime/wrapper/step_runner.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <cstdlib>
#include <memory>
#include <optional>
#include <tuple>

#include "runtime/base/disk.h"
#include "runtime/base/environment.h"
#include "runtime/base/messages.h"
#include "runtime/base/shlex.h"
#include "runtime/base/subprocess.h"
#include "runtime/state/decide.h"
#include "runtime/state/depfile.h"
#include "runtime/state/evaluate.h"
#include "runtime/state/events.h"
#include "runtime/state/fingerprint.h"
#include "runtime/state/group.h"
#include "runtime/state/interpreter.h"
#include "runtime/state/last_run.h"
#include "runtime/state/layout.h"
#include "runtime/state/missing_deps.h"
#include "runtime/state/record.h"
#include "runtime/state/retry_policy.h"
#include "runtime/state/run_lock.h"
#include "runtime/state/step_spec.h"
#include "runtime/wrapper/launcher.h"
#include "runtime/wrapper/remote_cache.h"
#include "runtime/wrapper/slots.h"
#include "runtime/wrapper/step_output.h"

namespace wfgen {
namespace {

std::string Absolute(const std::string& cwd, const std::string& path) {
  if (path.empty() || path[0] == '/') return path;
  return cwd + "/" + path;
}

std::string Seconds(int64_t ms) {
  char buf[32];
  snprintf(buf, sizeof buf, "%g s", static_cast<double>(ms) / 1000.0);
  return buf;
}

std::string SignalName(int sig) {
  const char* abbrev = sigabbrev_np(sig);
  return abbrev ? std::string("SIG") + abbrev : "signal " + std::to_string(sig);
}

// "exit code 3", "killed by SIGKILL", "stopped by Slurm: NODE FAILURE (job 12)".
std::string FailureDetail(const LineResult& r) {
  switch (r.kind) {
    case LineResult::kSignaled: return "killed by " + SignalName(r.code);
    case LineResult::kExited: return "exit code " + std::to_string(r.code);
    default: return r.error;
  }
}

// What ended a step that got stop signal `sig`: the signal itself, the
// SIGKILL that followed the grace period, or the step's own exit.
std::string HowStopped(int sig, const LineResult& r, int64_t grace_ms) {
  if (r.kind == LineResult::kSignaled && r.code == sig) return "stopped by " + SignalName(sig);
  if (r.kind == LineResult::kSignaled && r.code == SIGKILL) {
    return "got " + SignalName(sig) + " and was killed by SIGKILL after the " + Seconds(grace_ms) +
           " grace period";
  }
  if (r.kind == LineResult::kSignaled) {
    return "got " + SignalName(sig) + " and was ended by " + SignalName(r.code);
  }
  if (r.kind == LineResult::kExited) {
    return "got " + SignalName(sig) + " and exited with code " + std::to_string(r.code);
  }
  return "stopped by " + SignalName(sig);
}

class Step {
 public:
  Step(const RunOptions& options, const StepSystem& system)
      : options_(options),
        disk_(*system.disk),
        runner_(*system.runner),
        clock_(*system.clock),
        locks_(system.disk) {}
  int Run();
  int die_of_signal() const { return die_of_signal_; }

 private:
  bool Load(std::string* err);
  void WriteDepfile(const std::vector<PathState>& deps, const std::vector<PathState>& outs);
  void EnsureStamp(bool changed);
  int Skip();
  int Execute();
  bool PrepareDirectories(std::string* err);
  LineResult RunLines(StepOutput* out, const std::vector<std::string>& env, size_t* failed_line);
  int RunAttempts(StepOutput* out, const std::vector<std::string>& env);
  bool RecordSuccess(std::string* err);
  int Failed(const LineResult& r, size_t failed_line, StepOutput* out);
  int Stopped(int sig);
  int Finish(int code, MemberState state, const std::string& detail);
  void NoteFailedRun(MemberState state, const std::string& detail);
  int DieOfSignal(int sig);
  // "attempt 2 of 3", or "" for a step without retries.
  std::string AttemptText() const {
    int n = spec_.retries.attempts();
    return n > 1 ? "attempt " + std::to_string(attempt_) + " of " + std::to_string(n) : "";
  }
  std::string ShownLog() const { return JoinPath(spec_.project_dir, LogPath(spec_.name)); }

  RunOptions options_;
  Disk& disk_;
  CommandRunner& runner_;
  Clock& clock_;
  StepSpec spec_;
  std::string cwd_;  // where ninja runs us
  Evaluation eval_;
  const Current& current_ = eval_.current;
  // Parallel group membership.
  GroupSpec group_;
  std::optional<GroupRun> run_;
  EventSender events_;                      // inert unless a front end listens (WFGEN_EVENTS)
  std::unique_ptr<LineLauncher> launcher_;  // here, or Slurm (launcher.h)
  StepLocks locks_;                         // one run per project, one wfgen-run per command
  int attempt_ = 1;                         // of spec_.retries.attempts()
  int die_of_signal_ = 0;                   // see StepExit
};

bool Step::Load(std::string* err) {
  char buf[4096];
  if (!getcwd(buf, sizeof buf)) {
    *err = std::string("getcwd: ") + strerror(errno);
    return false;
  }
  cwd_ = buf;
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
  if (chdir(spec_.project_dir.c_str()) != 0) {
    *err = "cannot enter project directory " + spec_.project_dir + ": " + strerror(errno);
    return false;
  }
  return true;
}

void Step::WriteDepfile(const std::vector<PathState>& deps, const std::vector<PathState>& outs) {
  if (options_.depfile.empty()) return;
  std::vector<const PathState*> all;
  bool any_dir = false;
  for (auto& p : deps) all.push_back(&p);
  for (auto& p : outs) all.push_back(&p);
  for (const PathState* p : all) any_dir |= p->kind == FileKind::kDir;
  std::string err;
  if (!any_dir) {
    // Nothing for Ninja to learn, and a missing depfile means "no deps":
    // skip the write (and Ninja's read and delete) for most steps.
    disk_.RemoveFile(options_.depfile, &err);
    return;
  }
  if (!disk_.MakeDirs(DirName(options_.depfile), &err) ||
      !disk_.WriteFileAtomic(options_.depfile, RenderDepfile("stamp", spec_.project_dir, all),
                             &err)) {
    PrintLine(Warning(err));
  }
}

// The stamp's mtime is what consumers compare against: it moves only when
// an output's bytes changed (or when it does not exist yet).
void Step::EnsureStamp(bool changed) {
  if (options_.stamp.empty()) return;
  std::string err;
  FileInfo info;
  if (!disk_.Stat(options_.stamp, &info, &err)) return;
  if (!changed && info.kind != FileKind::kMissing) return;
  if (!disk_.MakeDirs(DirName(options_.stamp), &err) || !disk_.Touch(options_.stamp, &err)) {
    PrintLine(Warning(err));
  }
}

// For `wfgen explain`: how this run ended when it did not succeed.
void Step::NoteFailedRun(MemberState state, const std::string& detail) {
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

// Every way out of a step that got as far as loading its spec.
int Step::Finish(int code, MemberState state, const std::string& detail) {
  runner_.Finish();
  events_.Send(StepEvent{EventKind::kEnd, options_.stamp, spec_.name,
                         StateName(state) + (detail.empty() ? "" : " " + detail), code});
  if (state != MemberState::kSkipped) NoteFailedRun(state, detail);
  if (run_) {
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
  return code;
}

int Step::Skip() {
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

bool Step::PrepareDirectories(std::string* err) {
  for (const std::string& d : spec_.directories) {
    if (!disk_.MakeDirs(d, err)) return false;
  }
  // Outputs may live in directories nothing has created yet.
  for (const std::string& o : spec_.AllOutputs()) {
    std::string parent = DirName(o.back() == '/' ? o.substr(0, o.size() - 1) : o);
    if (!parent.empty() && !disk_.MakeDirs(parent, err)) return false;
  }
  return disk_.MakeDirs(LogsDir(), err) && disk_.MakeDirs(StateDir(), err);
}

LineResult Step::RunLines(StepOutput* out, const std::vector<std::string>& env,
                          size_t* failed_line) {
  LineResult result;
  for (size_t i = 0; i < spec_.script.size(); ++i) {
    *failed_line = i;
    if (runner_.StopSignal()) break;
    const std::string& line = spec_.script[i];
    std::vector<std::string> argv;
    if (spec_.shell) {
      argv = {"/bin/sh", "-c", line};
      out->Say("Running command: " + line);
    } else {
      std::string err;
      if (!ShlexSplit(line, &argv, &err)) {
        result.kind = LineResult::kSpawnFailed;
        result.error = "cannot split the line like a shell would (" + err + "): " + line;
        return result;
      }
      if (argv.empty()) continue;
      MapInterpreter(PythonFromEnvironment(), &argv);
      out->Say("Running command: " + ShlexJoin(argv));
    }
    result = launcher_->Run(argv, env, out);
    if (!result.ok()) return result;
  }
  return result;
}

bool Step::RecordSuccess(std::string* err) {
  // Hash again, reusing the pre-run hashes of files the run did not touch.
  Record before;
  before.hashed_at_ns = eval_.hashed_at_ns;
  before.deps = current_.deps;
  before.outs = current_.outs;
  Fingerprinter fp(&disk_, &before);
  Record after;
  after.script = current_.script;
  after.hashed_at_ns = fp.hashed_at_ns();
  if (!fp.TakeAll(spec_.deps, &after.deps, err) ||
      !fp.TakeAll(spec_.AllOutputs(), &after.outs, err)) {
    return false;
  }
  // Early cutoff: an output rewritten with the same bytes gets its old
  // mtime back, so nothing downstream looks changed, now or next time.
  bool changed = false;
  for (size_t i = 0; i < after.outs.size(); ++i) {
    PathState& now = after.outs[i];
    const PathState& was = current_.outs[i];
    if (now.kind != was.kind || now.hash != was.hash) changed = true;
    auto restore = [this](const std::string& path, int64_t old_mtime, FileState* state) {
      std::string ignored;
      FileInfo info;
      if (disk_.SetMtime(path, old_mtime, &ignored) && disk_.Stat(path, &info, &ignored)) {
        state->mtime_ns = info.mtime_ns;
        state->ctime_ns = info.ctime_ns;
      }
    };
    if (now.kind == FileKind::kFile && was.kind == FileKind::kFile && now.hash == was.hash &&
        now.self.mtime_ns != was.self.mtime_ns) {
      restore(now.path, was.self.mtime_ns, &now.self);
    } else if (now.kind == FileKind::kDir && was.kind == FileKind::kDir) {
      size_t j = 0;
      for (FileState& c : now.children) {
        while (j < was.children.size() && was.children[j].rel < c.rel) ++j;
        if (j == was.children.size() || was.children[j].rel != c.rel) continue;
        const FileState& old = was.children[j];
        if (old.hash == c.hash && old.mtime_ns != c.mtime_ns) {
          restore(ChildPath(now, c), old.mtime_ns, &c);
        }
      }
      if (now.hash == was.hash) restore(now.path, was.self.mtime_ns, &now.self);
    }
  }
  if (!disk_.WriteFileAtomic(RecordPath(spec_.name), RenderRecord(after), err)) return false;
  EnsureStamp(changed);
  WriteDepfile(after.deps, after.outs);
  return true;
}

int Step::DieOfSignal(int sig) {
  die_of_signal_ = sig;
  return Finish(128 + sig, MemberState::kTerminated, "interrupted");
}

// A stop signal arrived. From a failing sibling: report "terminated" and
// exit normally (a signal death would make Ninja treat it as Ctrl-C). From
// anywhere else (Ctrl-C, ninja, kill): die of the same signal.
int Step::Stopped(int sig) {
  WriteDepfile(current_.deps, current_.outs);
  std::string cause = run_ ? run_->FailedMember() : "";
  if (cause.empty() || cause == spec_.name) return DieOfSignal(sig);
  PrintNote("'" + spec_.name + "' terminated because '" + cause +
            "' failed (its log: " + ShownLog() + ")");
  return Finish(kTerminatedExit, MemberState::kTerminated, cause);
}

int Step::Failed(const LineResult& r, size_t failed_line, StepOutput* out) {
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
  if (!run_) return Finish(code, MemberState::kFailed, detail);
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
  return Finish(code, MemberState::kFailed, detail);
}

int Step::Execute() {
  std::string err;
  std::vector<std::string> missing;
  for (const std::string& d : spec_.deps) {
    FileInfo info;
    if (!disk_.Stat(d, &info, &err) || info.kind == FileKind::kMissing) missing.push_back(d);
  }
  if (!missing.empty()) {
    WriteDepfile(current_.deps, current_.outs);
    for (const std::string& line : MissingDepsMessage(spec_.name, missing)) PrintLine(line);
    return Finish(1, MemberState::kFailed, "missing dependency " + missing[0]);
  }
  if (!PrepareDirectories(&err)) {
    PrintNote(err);
    return Finish(1, MemberState::kFailed, err);
  }
  char here[4096];  // the project directory (Load entered it)
  launcher_ =
      std::make_unique<LineLauncher>(spec_, getcwd(here, sizeof here) ? here : "", &runner_);
  if (!launcher_->Init(&err)) {
    PrintNote(err);
    return Finish(1, MemberState::kFailed, err);
  }
  std::vector<std::string> env =
      ChangeEnvironment(ProcessEnvironment(), {"WFGEN_STEP", "WFGEN_SLOT"});
  env.push_back("WFGEN_STEP=" + spec_.name);
  // Output is live (a step of the console pool streams it, the others fill
  // their log and the table as it comes): Python would hold it back in a
  // block buffer, since its stdout is our pipe and not a terminal.
  if (!getenv("PYTHONUNBUFFERED")) env.push_back("PYTHONUNBUFFERED=1");
  runner_.set_pass_stdin(true);
  // The named pool first, then the overall limit: nobody waits for a
  // pool slot while holding a limit slot, so the two cannot deadlock.
  SlotLease slot, limit;
  for (auto [spec, lease, expose] : {std::make_tuple(&options_.pool, &slot, true),
                                     std::make_tuple(&options_.limit, &limit, false)}) {
    if (spec->empty()) continue;
    size_t colon = spec->rfind(':');
    std::string pool = spec->substr(0, colon);
    int depth = colon == std::string::npos ? 1 : atoi(spec->c_str() + colon + 1);
    int n = lease->Acquire(
        &disk_, SlotsDir(), pool, depth > 0 ? depth : 1,
        [this] { return runner_.StopSignal() != 0; }, &err);
    if (n < 0) {
      if (int sig = runner_.StopSignal()) return Stopped(sig);
      PrintNote(err);
      return Finish(1, MemberState::kFailed, err);
    }
    if (expose) env.push_back("WFGEN_SLOT=" + std::to_string(n));
    runner_.KeepInGuardian(lease->fd());
  }
  runner_.KeepInGuardian(locks_.active_fd());
  int log_fd = open(LogPath(spec_.name).c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  StepOutput out(log_fd, options_.console);
  events_.Send(StepEvent{EventKind::kStart, options_.stamp, spec_.name, ShownLog(),
                         static_cast<int>(getpid())});
  out.Tap(&events_, options_.stamp, spec_.name);
  runner_.set_on_stop([this](int sig, int64_t grace_ms) {
    events_.Send(StepEvent{EventKind::kStop, options_.stamp, spec_.name,
                           SignalName(sig) + " " + std::to_string(grace_ms)});
  });
  if (PullInsteadOfRunning(spec_, eval_.decision, &disk_, &runner_, &out)) {  // docs/remotes.md
    runner_.Finish();
    if (RecordSuccess(&err))
      return Finish(0, MemberState::kSucceeded, "pulled from " + spec_.remote_name);
    PrintLine(Note("'" + spec_.name + "' was pulled but its record could not be written: " + err));
    return Finish(1, MemberState::kFailed, "record not written");
  }
  if (int sig = runner_.StopSignal()) return Stopped(sig);
  out.Say(Note("running '" + spec_.name + "': " + eval_.decision.Explain()));
  if (!launcher_->Describe().empty()) out.Say(launcher_->Describe());
  return RunAttempts(&out, env);
}

// How a failed attempt looks to the retry policy (retry_policy.h).
AttemptFailure Classify(const LineResult& r) {
  AttemptFailure f;
  switch (r.kind) {
    case LineResult::kSpawnFailed:
      f.code = r.NotFound() ? 127 : 1;
      f.curable = false;  // not found, not executable, not splittable
      break;
    case LineResult::kSignaled: f.code = 128 + r.code; break;
    case LineResult::kExited: f.code = r.code; break;
    case LineResult::kLauncher:
      f.code = r.code;
      f.cause = r.cause;
      break;
  }
  return f;
}

// Runs the script up to spec_.retries.attempts() times, each time from its
// first line, until an attempt succeeds; records only then. Outputs stay
// in place between attempts. A stop signal (Ctrl-C, or a failing
// sibling's SIGTERM) ends the step at once, also in the middle of a delay.
int Step::RunAttempts(StepOutput* out, const std::vector<std::string>& env) {
  const RetryPolicy& policy = spec_.retries;
  const int attempts = policy.attempts();
  const int64_t first_ms = clock_.NowMs();
  size_t failed_line = 0;
  LineResult r;
  for (attempt_ = 1;; ++attempt_) {
    if (attempts > 1) {
      out->Say(Note("---- " + AttemptText() + " of '" + spec_.name + "' (at +" +
                    DelayText(clock_.NowMs() - first_ms) + ") ----"));
    }
    std::vector<std::string> attempt_env = env;
    attempt_env.push_back("WFGEN_ATTEMPT=" + std::to_string(attempt_));
    r = RunLines(out, attempt_env, &failed_line);
    if (attempt_ == 1 && out->truncated()) {
      PrintNote("console output of '" + spec_.name + "' was cut at 1 MiB; the whole output is in " +
                ShownLog());
    }
    if (int sig = runner_.StopSignal()) {
      out->Say(Note("'" + spec_.name + "' " + HowStopped(sig, r, spec_.grace_ms)));
      return Stopped(sig);
    }
    if (r.ok()) break;
    if (attempt_ == attempts || !ShouldRetry(policy, Classify(r))) {
      return Failed(r, failed_line, out);
    }
    int64_t delay = RetryDelayMs(policy, attempt_ + 1);
    std::string why = FailureDetail(r);
    out->Say(Note("line " + std::to_string(failed_line + 1) + " of '" + spec_.name + "': " + why +
                  " (" + AttemptText() + "); retrying" +
                  (delay > 0 ? " in " + DelayText(delay) : "")));
    events_.Send(StepEvent{EventKind::kRetry, options_.stamp, spec_.name,
                           RenderRetry(RetryNotice{attempt_ + 1, attempts, delay, why})});
    if (int sig = runner_.WaitForStop(delay)) {
      out->Say(
          Note("'" + spec_.name + "' stopped by " + SignalName(sig) + " while waiting to retry"));
      return Stopped(sig);
    }
    // A sibling that failed for good stops us: its SIGTERM is on its way,
    // but do not start another attempt meanwhile.
    if (run_ && !run_->FailedMember().empty() && run_->FailedMember() != spec_.name) {
      return Stopped(SIGTERM);
    }
  }
  runner_.Finish();
  std::string err;
  if (!RecordSuccess(&err)) {
    PrintNote("'" + spec_.name + "' succeeded but its record could not be written: " + err);
    return Finish(1, MemberState::kFailed, "record not written");
  }
  PushAfterSuccess(spec_, &disk_, &runner_, out);
  if (attempt_ > 1) {
    std::string note = "succeeded on " + AttemptText();
    out->Say(Note("'" + spec_.name + "' " + note));
    return Finish(0, MemberState::kSucceeded, "on " + AttemptText());
  }
  return Finish(0, MemberState::kSucceeded, "");
}

int Step::Run() {
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
    std::string failed = run_->FailedMember();
    if (!failed.empty() && failed != spec_.name) {
      PrintNote("'" + spec_.name + "' not started because '" + failed + "' failed");
      return Finish(kTerminatedExit, MemberState::kTerminated, failed);
    }
    if (!run_->Register(spec_.name, &err)) PrintLine(Warning(err));
  }
  // Another run of this project, or of this command, may be going on.
  switch (locks_.Acquire(
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

}  // namespace

bool ForcedByEnvironment(const char* value, const std::string& name) {
  if (!value || !*value) return false;
  std::string v = value;
  if (v == "*") return true;
  size_t start = 0;
  while (start <= v.size()) {
    size_t end = v.find_first_of(" ,", start);
    if (end == std::string::npos) end = v.size();
    if (v.compare(start, end - start, name) == 0 && end - start == name.size()) return true;
    start = end + 1;
  }
  return false;
}

StepExit RunStepWith(const RunOptions& options, const StepSystem& system) {
  Step step(options, system);
  StepExit e;
  e.code = step.Run();
  e.die_of_signal = step.die_of_signal();
  return e;
}

int RunStep(const RunOptions& options, Disk* disk) {
  ProcessRunner runner(10000);
  MonotonicClock clock;
  StepExit e = RunStepWith(options, StepSystem{disk, &runner, &clock});
  if (e.die_of_signal == 0) return e.code;
  fflush(stdout);
  signal(e.die_of_signal, SIG_DFL);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, e.die_of_signal);
  sigprocmask(SIG_UNBLOCK, &set, nullptr);
  raise(e.die_of_signal);
  _exit(e.code);
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
