// wfgen's own lines to the user: one place that knows their form, so every
// binary says `wfgen: error: ...` and `wfgen: warning: ...` the same way.
// Writes go straight to the file descriptor (no stdio buffer), so they
// interleave correctly with a step's output and survive an exit().
#pragma once

#include <string>

namespace wfgen {

// `line` and a newline to stdout.
void PrintLine(const std::string& line);

// "wfgen: error: MESSAGE" / "wfgen: warning: MESSAGE" to stderr.
void PrintError(const std::string& message);
void PrintWarning(const std::string& message);

}  // namespace wfgen
