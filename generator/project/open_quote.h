// Where a YAML syntax error really starts when a quote was left open.
//
// A quoted scalar may span lines in YAML, so an unclosed `"` swallows the
// lines after it until the next `"`, and the parser (yaml-cpp) fails
// there, lines later: `help: "Train` on line 8 is reported at 14:12. The
// YAML language server points at the quote; so do we.
#pragma once

#include <cstddef>
#include <string>

namespace wfgen {

// If a quoted scalar that spans lines is still open at `error_offset`, or
// closed on the line of `error_offset`, true with the offset of its opening
// quote and the line (1-based) it closes on (0 if it never closes).
// Quotes count only where YAML starts a scalar with them (after `: `, `- `,
// `[`, `{`, `,` or at the start of a line); comments are skipped.
bool FindOpenQuote(const std::string& text, size_t error_offset, size_t* open_offset,
                   int* close_line);

}  // namespace wfgen
