// Running a step that must run: its directories, its pool slots, its log,
// then the script's lines, attempt after attempt (retries).
#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <utility>

#include "runtime/base/environment.h"
#include "runtime/base/messages.h"
#include "runtime/base/shlex.h"
#include "runtime/state/interpreter.h"
#include "runtime/state/missing_deps.h"
#include "runtime/state/retry_policy.h"
#include "runtime/wrapper/remote_cache.h"
#include "runtime/wrapper/step_machine.h"

namespace wfgen {
namespace {

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

}  // namespace

bool StepMachine::PrepareDirectories(std::string* err) {
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

LineResult StepMachine::RunLines(StepOutput* out, const std::vector<std::string>& env,
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

int StepMachine::Execute() {
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
  std::string here, ignored;  // the project directory (Load entered it)
  launcher_ =
      std::make_unique<LineLauncher>(spec_, dir_.Get(&here, &ignored) ? here : "", &runner_);
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
  for (auto [spec, expose] :
       {std::make_pair(&options_.pool, true), std::make_pair(&options_.limit, false)}) {
    if (spec->empty()) continue;
    size_t colon = spec->rfind(':');
    std::string pool = spec->substr(0, colon);
    int depth = colon == std::string::npos ? 1 : atoi(spec->c_str() + colon + 1);
    int fd = -1;
    int n = locks_.TakeSlot(
        SlotsDir(), pool, depth > 0 ? depth : 1, [this] { return runner_.StopSignal() != 0; }, &fd,
        &err);
    if (n < 0) {
      if (int sig = runner_.StopSignal()) return Stopped(sig);
      PrintNote(err);
      return Finish(1, MemberState::kFailed, err);
    }
    if (expose) env.push_back("WFGEN_SLOT=" + std::to_string(n));
    runner_.KeepInGuardian(fd);
  }
  runner_.KeepInGuardian(locks_.active_fd());
  if (log_) log_->Open(LogPath(spec_.name));
  StepOutput out(log_, options_.console);
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

// Runs the script up to spec_.retries.attempts() times, each time from its
// first line, until an attempt succeeds; records only then. Outputs stay
// in place between attempts. A stop signal (Ctrl-C, or a failing
// sibling's SIGTERM) ends the step at once, also in the middle of a delay.
int StepMachine::RunAttempts(StepOutput* out, const std::vector<std::string>& env) {
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

}  // namespace wfgen
