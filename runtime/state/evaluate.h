// Evaluating one step without running it: load its record, fingerprint its
// deps and outputs, decide. wfgen-run acts on the result; `wfgen explain`
// and `wfgen run --dry` print it, so the three can never disagree.
#pragma once

#include <memory>
#include <string>

#include "runtime/base/disk.h"
#include "runtime/base/rooted_disk.h"  // for evaluating a project's steps from elsewhere
#include "runtime/state/decide.h"
#include "runtime/state/record.h"
#include "runtime/state/step_spec.h"

namespace wfgen {

struct Evaluation {
  std::unique_ptr<Record> record;  // null: none, or unreadable (see record_error)
  std::string record_error;
  Current current;
  int64_t hashed_at_ns = 0;
  int files_hashed = 0;  // files read because their stat key could not vouch for them
  Decision decision;
};

// Paths in `spec` are relative to the disk's working directory (the
// project directory). False only when the file system fails us.
bool Evaluate(Disk* disk, const StepSpec& spec, bool forced, Evaluation* out, std::string* err);

}  // namespace wfgen
