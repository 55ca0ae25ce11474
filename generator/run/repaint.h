// Redrawing the live table in place. The table sits just above the cursor;
// a repaint moves up over it and overwrites it line by line, erasing each
// line's end (EL), with lines that scroll away (ninja's output, a step's
// live output) printed first, above the new table.
//
// Never "erase to the end of the screen" (ED): when the table starts at the
// top of the screen, ED from the home position is a screen clear, and tmux
// (like some terminals) keeps what a clear removes in the scrollback. A run
// of a few seconds then leaves hundreds of stale frames there.
#pragma once

#include <string>
#include <vector>

namespace wfgen {

// The bytes that replace the `drawn` table lines above the cursor with
// `above` (each may be wider than the terminal and wrap) and then `table`
// (each narrower than the terminal). The cursor ends below the new table.
std::string Repaint(int drawn, const std::vector<std::string>& above,
                    const std::vector<std::string>& table);

}  // namespace wfgen
