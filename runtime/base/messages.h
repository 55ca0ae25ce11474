// wfgen's own lines to the user: one place that knows their form, so every
// binary says `wfgen: error: ...` and `wfgen: warning: ...` the same way.
// Writes go straight to the file descriptor (no stdio buffer), so they
// interleave correctly with a step's output and survive an exit().
#pragma once

#include <string>

namespace wfgen {

// The forms: "wfgen: MESSAGE" (a note: what wfgen did or decided) and
// "wfgen: warning: MESSAGE", for lines that go into a step's log or are
// printed by one of the functions below.
std::string Note(const std::string& message);
std::string Warning(const std::string& message);

// `line` and a newline to stdout, or to stderr.
void PrintLine(const std::string& line);
void PrintLineToStderr(const std::string& line);

// Note(message) to stdout: wfgen-run's notes belong to the step's output,
// which Ninja shows with the step.
void PrintNote(const std::string& message);

// "wfgen: error: MESSAGE" / "wfgen: warning: MESSAGE" to stderr.
void PrintError(const std::string& message);
void PrintWarning(const std::string& message);

}  // namespace wfgen
