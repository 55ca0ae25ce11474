#include "runtime/state/last_run.h"

#include <cstdlib>

#include "runtime/base/line_format.h"
#include "runtime/state/step_spec.h"

namespace wfgen {

std::string RenderFailedRun(const FailedRun& f) {
  return "state " + EscapeField(f.state) + "\ndetail " + EscapeField(f.detail) + "\nended_ns " +
         std::to_string(f.ended_ns) + "\n";
}

bool ParseFailedRun(const std::string& text, FailedRun* out) {
  *out = FailedRun();
  for (const KeyValue& kv : SplitKeyValues(text)) {
    std::string value;
    if (!UnescapeField(kv.value, &value)) return false;
    if (kv.key == "state") {
      out->state = value;
    } else if (kv.key == "detail") {
      out->detail = value;
    } else if (kv.key == "ended_ns") {
      char* end = nullptr;
      out->ended_ns = strtoll(value.c_str(), &end, 10);
      if (value.empty() || *end) return false;
    }
  }
  return !out->state.empty();
}

}  // namespace wfgen
