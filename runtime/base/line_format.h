// The line format shared by wfgen's small state files (step specs,
// records): one `key value` pair per line, values escaped so that any byte
// string fits on one line. Chosen over JSON/YAML so that the wrapper parses
// its inputs with a few string operations and links no parser library.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace wfgen {

// '\\' -> "\\\\", '\n' -> "\\n", '\r' -> "\\r". Everything else is kept.
std::string EscapeField(std::string_view raw);
// Inverse of EscapeField; false on a malformed escape.
bool UnescapeField(std::string_view escaped, std::string* raw);

// The pieces of `text` between `sep`s; a last piece without one counts, and
// nothing follows a final `sep`. Views into `text`.
std::vector<std::string_view> SplitAt(std::string_view text, char sep);
// SplitAt(text, '\n'): the lines, without their newlines.
std::vector<std::string_view> SplitLines(std::string_view text);

struct KeyValue {
  std::string_view key;
  std::string_view value;  // still escaped
};

// Splits `text` into lines and each line at its first space. Blank lines
// are skipped.
std::vector<KeyValue> SplitKeyValues(std::string_view text);

// Splits a value at single spaces into at most `max_fields` fields; the last
// field takes the rest of the value (so a path with spaces can come last).
std::vector<std::string_view> SplitFields(std::string_view value, size_t max_fields);

}  // namespace wfgen
