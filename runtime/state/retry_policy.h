// Retries: how many more attempts a failed step gets, after what delay, and
// which failures they are for (project.yml `retries:`, README "Retries").
//
// The generator fills a RetryPolicy from project.yml (and `--retries`) and
// writes it into the step spec; wfgen-run reads it back and asks
// ShouldRetry after every failed attempt. Kept here, in the state layer,
// so that `explain` and `--dry` describe the same policy the wrapper runs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace wfgen {

struct RetryPolicy {
  int max = 0;           // attempts after the first; 0 = no retries
  int64_t delay_ms = 0;  // before the second attempt
  double backoff = 1;    // each further delay is the previous one times this
  // Empty: any curable failure. Otherwise only these: exit codes ("3") and
  // the Slurm causes of kRetryCauses ("node_fail").
  std::vector<std::string> on;

  int attempts() const { return max + 1; }
  bool operator==(const RetryPolicy& o) const {
    return max == o.max && delay_ms == o.delay_ms && backoff == o.backoff && on == o.on;
  }
};

// The causes `on:` may name besides exit codes, as the wrapper reports
// them for a line that Slurm ended (slurm.h, Cause).
extern const char* const kRetryCauses[];
extern const size_t kRetryCauseCount;

// True for an exit code (1..255) or one of kRetryCauses.
bool ValidRetryOn(const std::string& word);

// How one attempt failed, as far as retrying is concerned.
struct AttemptFailure {
  int code = 1;       // the status the step would exit with
  std::string cause;  // "" when the command's own status says it; else a Slurm cause
  // False for what another attempt cannot cure: exit 126/127, a line that
  // could not be started or split, a missing dependency.
  bool curable = true;
};

bool ShouldRetry(const RetryPolicy& policy, const AttemptFailure& failure);

// Milliseconds to wait before attempt `next` (2 for the first retry):
// delay * backoff^(next-2), capped at one day.
int64_t RetryDelayMs(const RetryPolicy& policy, int next);

// "up to 2 more attempts, 4 s apart, growing 2x, on exit code 3 or node_fail",
// for explain and the docs; "" when there are no retries.
std::string DescribeRetries(const RetryPolicy& policy);

// "4 s", "0.5 s", "2 min 5 s": a delay for people.
std::string DelayText(int64_t ms);

}  // namespace wfgen
