#include <signal.h>
#include <string.h>

#include <cstdio>

#include "runtime/wrapper/step_machine.h"

namespace wfgen {

std::string Seconds(int64_t ms) {
  char buf[32];
  snprintf(buf, sizeof buf, "%g s", static_cast<double>(ms) / 1000.0);
  return buf;
}

std::string SignalName(int sig) {
  const char* abbrev = sigabbrev_np(sig);
  return abbrev ? std::string("SIG") + abbrev : "signal " + std::to_string(sig);
}

std::string FailureDetail(const LineResult& r) {
  switch (r.kind) {
    case LineResult::kSignaled: return "killed by " + SignalName(r.code);
    case LineResult::kExited: return "exit code " + std::to_string(r.code);
    default: return r.error;
  }
}

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

}  // namespace wfgen
