// `wfgen run --trace FILE`: the run as a Chrome/Perfetto trace (the JSON
// "Trace Event Format"), one lane ("thread") per concurrent slot, so the
// parallelism of a workflow can be seen in chrome://tracing or
// ui.perfetto.dev.
#pragma once

#include <string>

#include "generator/run/run_status.h"

namespace wfgen {

std::string RenderTrace(const RunStatus& status);

}  // namespace wfgen
