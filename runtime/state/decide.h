// Whether a step must run, and why: weasel's check_rerun, with reasons.
//
// `wfgen explain` prints Decision::Explain() of this same function, so the
// explanation can never disagree with what the wrapper did.
#pragma once

#include <string>
#include <vector>

#include "runtime/state/record.h"
#include "runtime/state/step_spec.h"

namespace wfgen {

enum class Why {
  kForced,     // --force
  kNoSkip,     // no_skip: true
  kNoRecord,   // never ran successfully (or its record was unreadable)
  kNoOutputs,  // declares no outputs: always runs, as in weasel
  kScriptChanged,
  kDepsListChanged,  // a dep was added, removed or reordered in project.yml
  kOutputsListChanged,
  kDepChanged,
  kOutputChanged,
  kUpToDate,
};

struct Decision {
  bool run = true;
  Why why = Why::kNoRecord;
  std::string path;    // the dep or output concerned, as declared
  std::string detail;  // e.g. "was deleted", "file 'x' inside it changed"
  std::string Explain() const;
};

struct Current {
  Hash128 script;
  std::vector<PathState> deps;
  std::vector<PathState> outs;
};

// `record` is null when there is none; `record_error` then says why if a
// file existed but could not be trusted.
Decision Decide(const StepSpec& spec, const Record* record, const std::string& record_error,
                const Current& current, bool forced);

// How two states of one path differ, in words ("" if they do not).
std::string DescribeChange(const PathState& before, const PathState& now);

}  // namespace wfgen
