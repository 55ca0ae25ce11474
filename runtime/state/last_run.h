// How the last run of a command ended, when it did not succeed
// (.wfgen/state/NAME.failed): the record (record.h) holds only successes,
// so without this `wfgen explain` could not say that the last run failed.
// The wrapper writes it when a step fails or is stopped and removes it
// when the step succeeds.
#pragma once

#include <cstdint>
#include <string>

#include "runtime/state/layout.h"  // FailedRunPath

namespace wfgen {

struct FailedRun {
  std::string state;   // "failed" or "terminated"
  std::string detail;  // "exit code 3", "missing dependency a.txt"
  int64_t ended_ns = 0;
};

std::string RenderFailedRun(const FailedRun& f);
// False for a malformed file.
bool ParseFailedRun(const std::string& text, FailedRun* out);

}  // namespace wfgen
