// What `wfgen run` knows about a run in progress: one row per step of the
// target, updated from the wrappers' events (runtime/state/events.h). Plain data
// and pure functions, so the table and the plain output are tested
// without a terminal or a clock.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "generator/ninja/plan.h"
#include "runtime/state/events.h"
#include "runtime/state/retry_policy.h"

namespace wfgen {

enum class RowState {
  kWaiting,  // not started yet
  kRunning,
  kSucceeded,
  kSkipped,   // started, found up to date
  kUpToDate,  // ninja did not even start it: nothing it depends on changed
  kFailed,
  kTerminated,   // stopped because another member of its group failed
  kNotStarted,   // the run ended (failure, interrupt) before it started
  kInterrupted,  // stopped by Ctrl-C or a signal
};

struct StatusRow {
  std::string key;  // the plan step key
  std::string command;
  // The command, or "sleepC (group 2)" / "prep (step 5)" when the command
  // occurs more than once in the run.
  std::string label;
  int group = -1;  // the group's ordinal in its workflow, or -1
  RowState state = RowState::kWaiting;
  int64_t start_ms = -1;
  int64_t end_ms = -1;
  std::string last_line;  // latest output line while running
  std::string detail;     // "exit code 3", or the member that failed
  std::string log;        // log path, as the user should type it
  int attempt = 1;        // with retries: the attempt running or last run
  std::string retry;      // "attempt 2 of 3, in 4 s: exit code 3" once it retries
  int exit_code = 0;      // the wrapper's exit status, once ended
  bool alone = false;     // in Ninja's console pool: its output comes live through ninja
  int pid = 0;            // the wrapper's, while running
  // Being stopped: the signal its processes got, and when SIGKILL follows.
  std::string stop_signal;
  int64_t kill_at_ms = -1;
  int64_t stop_grace_ms = 0;
  // Rows this one waits for (the steps that must be done before Ninja
  // can start it): when it starts, those that never started were up to date.
  std::vector<size_t> prerequisites;
};

struct StatusCounts {
  int waiting = 0, running = 0, succeeded = 0, skipped = 0, up_to_date = 0, failed = 0,
      terminated = 0, not_started = 0, interrupted = 0;
  int flaky = 0;  // succeeded, but not on the first attempt (counted in succeeded too)
  int done() const { return succeeded + skipped + up_to_date + failed + terminated + interrupted; }
};

// "attempt 2 of 3, in 4 s": what the table says of a step about to retry.
std::string RetryText(const RetryNotice& n);

class RunStatus {
 public:
  // `stamps_dir` is the absolute directory of the stamps (events name
  // steps by stamp path); `log_prefix` leads from the user's directory to
  // the project's.
  RunStatus(const BuildPlan& plan, const std::string& target, const std::string& stamps_dir,
            const std::string& log_prefix);

  // Applies an event received at `now_ms`; returns the row it changed, or
  // -1 if it is not a step of this run.
  int Apply(const StepEvent& e, int64_t now_ms);
  // The row of the step whose stamp is `stamp`, or -1.
  int Find(const std::string& stamp) const;
  // Ninja exited: rows that never started are up to date (success) or not
  // started (failure); rows still running were interrupted. After a
  // failure, `still_dirty` (when known) holds the keys of the steps Ninja
  // would still start: the other rows that never started were up to date.
  void Finish(bool success, int64_t now_ms, const std::set<std::string>* still_dirty = nullptr);
  // The exit status of the step that failed first, or 0 when none failed
  // (steps terminated because a sibling failed do not count).
  int FirstFailureExit() const;

  const std::vector<StatusRow>& rows() const { return rows_; }
  const std::string& target() const { return target_; }
  StatusCounts Counts() const;
  // The `n` longest finished steps, longest first.
  std::vector<const StatusRow*> Slowest(size_t n) const;
  int64_t started_ms() const { return started_ms_; }
  void set_started_ms(int64_t ms) { started_ms_ = ms; }

 private:
  std::string target_;
  std::string stamps_dir_;
  void MarkUpToDate(size_t row);

  std::vector<StatusRow> rows_;
  int64_t started_ms_ = 0;
  int first_failure_ = -1;  // row index
};

std::string StateWord(RowState s);

}  // namespace wfgen
