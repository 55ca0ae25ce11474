// Reading `retries:` (a command's, or the top-level default): either a
// count, `retries: 2`, or a map `{max, delay, backoff, on}`
// (runtime/state/retry_policy.h holds what it becomes).
#pragma once

#include <string>

#include "generator/project/diagnostic.h"
#include "generator/project/interpolate.h"
#include "generator/project/yaml_tree.h"
#include "runtime/state/retry_policy.h"

namespace wfgen {

// `what` names the field: "the retries of command 'train'". False (with
// errors in *diag) if it is malformed.
bool ReadRetries(const YNodePtr& node, const std::string& what, Interpolator* interp,
                 Diagnostics* diag, RetryPolicy* out);

// The keys of the map form, for `wfgen document` and the schema test.
extern const char* const kRetriesKeys[4];

}  // namespace wfgen
