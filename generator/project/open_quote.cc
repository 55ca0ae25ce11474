#include "generator/project/open_quote.h"

namespace wfgen {
namespace {

// After these, a quote starts a quoted scalar (`:`, `-` and `?` only with
// white space between: `a-"b"` is a plain scalar).
bool StartsScalar(char last, bool space_before) {
  if (last == 0 || last == '[' || last == '{' || last == ',') return true;
  return space_before && (last == ':' || last == '-' || last == '?');
}

}  // namespace

bool FindOpenQuote(const std::string& text, size_t error_offset, size_t* open_offset,
                   int* close_line) {
  size_t end = error_offset < text.size() ? error_offset : text.size();
  int line = 1;
  char quote = 0;      // the open quote, if any
  size_t start = 0;    // of the open quote
  bool spans = false;  // the open quote's scalar went past a line end
  char last = 0;       // the last non-space character of the line, outside quotes
  bool found = false;  // a scalar that spanned lines closed on the current line
  size_t found_start = 0;
  for (size_t i = 0; i < end; ++i) {
    char c = text[i];
    if (c == '\n') {
      ++line;
      if (quote) {
        spans = true;
      } else {
        last = 0;
        found = false;
      }
    } else if (quote) {
      if (quote == '"' && c == '\\') {
        ++i;  // an escaped character (`\"` too)
      } else if (quote == '\'' && c == '\'' && i + 1 < end && text[i + 1] == '\'') {
        ++i;  // `''` is a quote inside single quotes
      } else if (c == quote) {
        quote = 0;
        last = c;
        if (spans) {
          found = true;
          found_start = start;
        }
      }
    } else if (c == '#' && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\t')) {
      while (i + 1 < end && text[i + 1] != '\n') ++i;
    } else if ((c == '"' || c == '\'') &&
               StartsScalar(last, i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t'))) {
      quote = c;
      start = i;
      spans = false;
    } else if (c != ' ' && c != '\t' && c != '\r') {
      last = c;
    }
  }
  if (quote && spans) {
    // Still open at the error: where does it close, if ever?
    *open_offset = start;
    *close_line = 0;
    for (size_t i = end; i < text.size(); ++i) {
      if (text[i] == '\n') ++line;
      if (quote == '"' && text[i] == '\\') {
        ++i;
      } else if (text[i] == quote) {
        *close_line = line;
        break;
      }
    }
    return true;
  }
  if (found) {
    *open_offset = found_start;
    *close_line = line;
  }
  return found;
}

}  // namespace wfgen
