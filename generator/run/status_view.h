// Rendering a RunStatus: the live table for terminals (redrawn in place,
// like `docker pull`), the plain one-line-per-event form for logs and CI,
// and the summary both print at the end. Pure functions of the status and
// a given time, so tests can compare exact text.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "generator/run/run_status.h"

namespace wfgen {

struct ViewStyle {
  bool color = false;    // ANSI colours (off with NO_COLOR or without a terminal)
  bool unicode = false;  // ✓ ✗ ⠋ symbols (on in UTF-8 locales)
};

// The table: a header line and one line per step (group members indented
// under a group line), each at most `width` columns. When there are more
// lines than `max_lines`, finished steps fold into one line first, then the
// waiting tail.
std::vector<std::string> RenderTable(const RunStatus& status, int width, int max_lines,
                                     int64_t now_ms, const ViewStyle& style);

// The plain line for a row that just changed state ("" when the change is
// not worth a line, e.g. a new output line).
std::string PlainLine(const StatusRow& row, const ViewStyle& style);

// The plain line for a row whose processes just got a stop signal.
std::string PlainStopLine(const StatusRow& row, const ViewStyle& style);

// Counts, total time, slowest steps, and where the logs of failed and
// terminated steps are.
std::vector<std::string> RenderSummary(const RunStatus& status, int64_t now_ms,
                                       const ViewStyle& style);

// "4.2s", "1:05", "1:02:03".
std::string FormatDuration(int64_t ms);

// Text from a step made safe for one terminal line: escape sequences
// dropped, control characters turned into spaces, each byte of invalid
// UTF-8 into '?'.
std::string SanitizeLine(const std::string& text);

// Cuts `text` to `width` display columns (DisplayWidth, utf8.h), ending
// in "…" or "..." when cut.
std::string FitWidth(const std::string& text, int width, bool unicode);

}  // namespace wfgen
