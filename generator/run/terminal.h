// The few facts about the user's terminal that the status display needs.
#pragma once

#include "generator/run/status_view.h"

namespace wfgen {

struct TerminalInfo {
  bool is_tty = false;  // stdout is a terminal that understands cursor movement
  int width = 80;
  int height = 24;
  ViewStyle style;
};

// Reads isatty, TERM, the window size, NO_COLOR and the locale.
TerminalInfo DetectTerminal();
// Re-reads the window size (after SIGWINCH).
void UpdateTerminalSize(TerminalInfo* info);

}  // namespace wfgen
