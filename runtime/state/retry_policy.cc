#include "runtime/state/retry_policy.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace wfgen {

const char* const kRetryCauses[] = {"node_fail", "time_limit", "preempted", "cancelled", "oom"};
const size_t kRetryCauseCount = sizeof kRetryCauses / sizeof kRetryCauses[0];

bool ValidRetryOn(const std::string& word) {
  for (size_t i = 0; i < kRetryCauseCount; ++i) {
    if (word == kRetryCauses[i]) return true;
  }
  if (word.empty() || word.size() > 3 || word[0] == '0') return false;
  for (char c : word) {
    if (c < '0' || c > '9') return false;
  }
  return std::stoi(word) <= 255;
}

bool ShouldRetry(const RetryPolicy& policy, const AttemptFailure& failure) {
  if (policy.max <= 0 || !failure.curable) return false;
  // Not found / not executable: the same next time, whatever `on:` says.
  if (failure.cause.empty() && (failure.code == 126 || failure.code == 127)) return false;
  if (policy.on.empty()) return true;
  for (const std::string& w : policy.on) {
    if (failure.cause.empty() ? w == std::to_string(failure.code) : w == failure.cause) {
      return true;
    }
  }
  return false;
}

int64_t RetryDelayMs(const RetryPolicy& policy, int next) {
  constexpr double kDay = 86400000.0;
  double ms = static_cast<double>(policy.delay_ms);
  for (int i = 2; i < next && ms < kDay; ++i) ms *= policy.backoff;
  return static_cast<int64_t>(std::llround(std::min(ms, kDay)));
}

std::string DelayText(int64_t ms) {
  char buf[48];
  if (ms >= 60000 && ms % 60000 == 0) {
    snprintf(buf, sizeof buf, "%lld min", static_cast<long long>(ms / 60000));
  } else if (ms >= 60000) {
    snprintf(buf, sizeof buf, "%lld min %g s", static_cast<long long>(ms / 60000),
             static_cast<double>(ms % 60000) / 1000.0);
  } else {
    snprintf(buf, sizeof buf, "%g s", static_cast<double>(ms) / 1000.0);
  }
  return buf;
}

std::string DescribeRetries(const RetryPolicy& policy) {
  if (policy.max <= 0) return "";
  std::string s =
      "up to " + std::to_string(policy.max) + " more attempt" + (policy.max == 1 ? "" : "s");
  if (policy.delay_ms > 0) {
    s += ", " + DelayText(policy.delay_ms) + " apart";
    if (policy.backoff != 1 && policy.max > 1) {
      char buf[32];
      snprintf(buf, sizeof buf, "%g", policy.backoff);
      s += std::string(", growing ") + buf + "x";
    }
  }
  if (policy.on.empty()) {
    s += ", on any failure but exit 126/127";
  } else {
    s += ", on ";
    for (size_t i = 0; i < policy.on.size(); ++i) {
      bool code = policy.on[i][0] >= '0' && policy.on[i][0] <= '9';
      s += i == 0 ? "" : i + 1 == policy.on.size() ? " or " : ", ";
      s += (code ? "exit code " : "") + policy.on[i];
    }
  }
  return s;
}

}  // namespace wfgen
