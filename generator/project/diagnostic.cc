#include "generator/project/diagnostic.h"

#include <algorithm>
#include <cstdio>

#include "runtime/base/messages.h"
#include "runtime/base/utf8.h"

namespace wfgen {
namespace {

std::string SourceLine(const std::string& source, int line) {
  size_t pos = 0;
  for (int l = 1; l < line; ++l) {
    pos = source.find('\n', pos);
    if (pos == std::string::npos) return "";
    ++pos;
  }
  size_t end = source.find('\n', pos);
  std::string text = source.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
  if (!text.empty() && text.back() == '\r') text.pop_back();
  return text;
}

// Optimal string alignment distance: like Levenshtein, plus swapping two
// neighbours counts as one edit ("trian" -> "train").
size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

std::string Shorten(const std::string& text, size_t max) {
  // The slack keeps a shortened text (with its marker) as it is.
  if (text.size() <= max + 64) return text;
  size_t head = Utf8CharStart(text, max / 2);
  size_t tail = Utf8CharStart(text, text.size() - max / 2);
  return text.substr(0, head) + " [... " + std::to_string(tail - head) + " bytes ...] " +
         text.substr(tail);
}

namespace {

// Messages quote values from the file, which may hold newlines or
// terminal control bytes; a message must stay one line (editors parse
// them) and print as text.
std::string Printable(const std::string& text) {
  std::string out;
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if ((u < 0x20 && c != '\t') || u == 0x7f) {
      char buf[8];
      snprintf(buf, sizeof buf, "\\x%02x", u);
      out += buf;
    } else {
      out += c;
    }
  }
  return out;
}

std::string Tidy(const std::string& text) {
  return Printable(Shorten(text, Diagnostics::kMaxText));
}

}  // namespace

Diagnostic& Diagnostics::Add(Severity severity, Loc loc, std::string message) {
  ShortenLast();
  bool error = severity == Severity::kError;
  ++(error ? errors_ : warnings_);
  int& kept = error ? kept_errors_ : kept_warnings_;
  if (kept >= kMaxKept) {
    dropped_ = Diagnostic{severity, loc, {}, {}};
    return dropped_;
  }
  ++kept;
  list_.push_back(Diagnostic{severity, loc, Tidy(message), {}});
  return list_.back();
}

// Callers add notes after Error() returns; they are shortened when the
// next diagnostic arrives (and when rendering), so at most one holds a
// long note at a time.
void Diagnostics::ShortenLast() {
  if (list_.empty()) return;
  for (std::string& n : list_.back().notes) n = Tidy(n);
}

void Diagnostics::Forget(const std::function<bool(const Diagnostic&)>& drop) {
  std::vector<Diagnostic> kept;
  for (Diagnostic& d : list_) {
    if (!drop(d)) {
      kept.push_back(std::move(d));
      continue;
    }
    bool error = d.severity == Severity::kError;
    --(error ? errors_ : warnings_);
    --(error ? kept_errors_ : kept_warnings_);
  }
  list_ = std::move(kept);
}

Diagnostic& Diagnostics::Error(Loc loc, std::string message) {
  return Add(Severity::kError, loc, std::move(message));
}

Diagnostic& Diagnostics::Warning(Loc loc, std::string message) {
  return Add(Severity::kWarning, loc, std::move(message));
}

int EditorColumn(const std::string& line, int byte_col) {
  if (byte_col < 1) return 1;
  size_t end = static_cast<size_t>(byte_col - 1);
  size_t in_line = std::min(end, line.size());
  // Past the end (a position after the last character): one per byte.
  return 1 +
         static_cast<int>(Utf16Length(std::string_view(line).substr(0, in_line)) + (end - in_line));
}

namespace {

std::string RenderWithLine(const Diagnostic& d, const std::string& file, const std::string& text,
                           DiagnosticStyle style) {
  std::string out = file;
  if (d.loc.line > 0) {
    out += ":" + std::to_string(d.loc.line) + ":" + std::to_string(EditorColumn(text, d.loc.col));
  }
  out += d.severity == Severity::kError ? ": error: " : ": warning: ";
  out += d.message;
  if (style == DiagnosticStyle::kNotesInMessage) {
    for (const std::string& n : d.notes) out += " (note: " + Tidy(n) + ")";
  }
  out += "\n";
  // Very long lines (minified input, a 50 MB scalar) are not worth echoing.
  if (d.loc.line > 0 && !text.empty() && text.size() <= 300 && Printable(text) == text) {
    out += "  " + text + "\n";
    // One space per character before the column (a tab stays a tab), so
    // the caret stands under it on a line with non-ASCII text.
    std::string caret = "  ";
    for (int i = 1; i < d.loc.col && static_cast<size_t>(i - 1) < text.size(); ++i) {
      char c = text[static_cast<size_t>(i - 1)];
      if (!IsUtf8Continuation(c)) caret += c == '\t' ? '\t' : ' ';
    }
    out += caret + "^\n";
  }
  if (style == DiagnosticStyle::kHuman) {
    for (const std::string& n : d.notes) out += "  note: " + Tidy(n) + "\n";
  }
  return out;
}

}  // namespace

std::string RenderDiagnostic(const Diagnostic& d, const std::string& file,
                             const std::string& source, DiagnosticStyle style) {
  return RenderWithLine(d, file, d.loc.line > 0 ? SourceLine(source, d.loc.line) : "", style);
}

std::string Diagnostics::Render(const std::string& file, const std::string& source,
                                DiagnosticStyle style) const {
  std::vector<const Diagnostic*> sorted;
  for (const Diagnostic& d : list_) sorted.push_back(&d);
  std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic* a, const Diagnostic* b) {
    if (a->loc.line != b->loc.line) return a->loc.line < b->loc.line;
    return a->loc.col < b->loc.col;
  });
  std::string out;
  // One pass over the source for all of them: they are sorted by line.
  int line = 1;
  size_t pos = 0;
  for (const Diagnostic* d : sorted) {
    std::string text;
    if (d->loc.line > 0) {
      while (line < d->loc.line && pos != std::string::npos) {
        pos = source.find('\n', pos);
        if (pos != std::string::npos) ++pos;
        ++line;
      }
      if (pos != std::string::npos && pos <= source.size()) {
        size_t end = source.find('\n', pos);
        text = source.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
        if (!text.empty() && text.back() == '\r') text.pop_back();
      }
    }
    out += RenderWithLine(*d, file, text, style);
  }
  int more_errors = errors_ - kept_errors_, more_warnings = warnings_ - kept_warnings_;
  if (more_errors > 0 || more_warnings > 0) {
    out += Note(std::to_string(more_errors) + " more error" + (more_errors == 1 ? "" : "s") +
                " and " + std::to_string(more_warnings) + " more warning" +
                (more_warnings == 1 ? "" : "s") + " not shown") +
           "\n";
  }
  return out;
}

std::string ClosestMatch(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_distance = std::string::npos;
  // Allow about one typo per three characters, at least one.
  size_t allowed = std::max<size_t>(1, word.size() / 3);
  // Names are short; a long one is no typo of anything (and the distance
  // table would be quadratic in its length).
  if (word.size() > 100) return "";
  for (const std::string& c : candidates) {
    size_t gap = c.size() > word.size() ? c.size() - word.size() : word.size() - c.size();
    if (gap > allowed) continue;
    size_t d = EditDistance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  if (best_distance == 0 || best_distance > allowed) return "";
  return best;
}

}  // namespace wfgen
