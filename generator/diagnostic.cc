#include "generator/diagnostic.h"

#include <algorithm>

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

Diagnostic& Diagnostics::Error(Loc loc, std::string message) {
  ++errors_;
  list_.push_back(Diagnostic{Severity::kError, loc, std::move(message), {}});
  return list_.back();
}

Diagnostic& Diagnostics::Warning(Loc loc, std::string message) {
  list_.push_back(Diagnostic{Severity::kWarning, loc, std::move(message), {}});
  return list_.back();
}

std::string RenderDiagnostic(const Diagnostic& d, const std::string& file,
                             const std::string& source) {
  std::string out = file;
  if (d.loc.line > 0) {
    out += ":" + std::to_string(d.loc.line) + ":" + std::to_string(std::max(d.loc.col, 1));
  }
  out += d.severity == Severity::kError ? ": error: " : ": warning: ";
  out += d.message + "\n";
  if (d.loc.line > 0) {
    std::string text = SourceLine(source, d.loc.line);
    // Very long lines (minified input, a 50 MB scalar) are not worth echoing.
    if (!text.empty() && text.size() <= 300) {
      out += "  " + text + "\n";
      std::string caret = "  ";
      for (int i = 1; i < d.loc.col && static_cast<size_t>(i - 1) < text.size(); ++i) {
        caret += text[static_cast<size_t>(i - 1)] == '\t' ? '\t' : ' ';
      }
      out += caret + "^\n";
    }
  }
  for (const std::string& n : d.notes) out += "  note: " + n + "\n";
  return out;
}

std::string Diagnostics::Render(const std::string& file, const std::string& source) const {
  std::vector<const Diagnostic*> sorted;
  for (const Diagnostic& d : list_) sorted.push_back(&d);
  std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic* a, const Diagnostic* b) {
    if (a->loc.line != b->loc.line) return a->loc.line < b->loc.line;
    return a->loc.col < b->loc.col;
  });
  std::string out;
  for (const Diagnostic* d : sorted) out += RenderDiagnostic(*d, file, source);
  return out;
}

std::string ClosestMatch(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_distance = std::string::npos;
  for (const std::string& c : candidates) {
    size_t d = EditDistance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  // Allow about one typo per three characters, at least one.
  size_t allowed = std::max<size_t>(1, word.size() / 3);
  if (best_distance == 0 || best_distance > allowed) return "";
  return best;
}

}  // namespace wfgen
