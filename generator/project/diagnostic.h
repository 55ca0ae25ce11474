// Diagnostics in the compiler format editors parse:
//
//   project.yml:12:7: error: unknown command 'trian' in workflow 'all'
//     - trian
//       ^
//   note: did you mean 'train'?
//
// The first line is the contract (the VS Code problem matcher and
// docs/integration.md rely on it); the source line, caret and notes that
// follow are for people.
#pragma once

#include <string>
#include <vector>

namespace wfgen {

// 1-based; line 0 means "the file as a whole".
struct Loc {
  int line = 0;
  int col = 0;
};

enum class Severity { kError, kWarning };

struct Diagnostic {
  Severity severity = Severity::kError;
  Loc loc;
  std::string message;
  std::vector<std::string> notes;  // "did you mean ...", "first defined here"
};

// Keeps the first kMaxKept errors and the first kMaxKept warnings (every
// one is counted), and shortens very long messages and notes: a hostile
// file can make thousands of mistakes, each quoting a huge value.
class Diagnostics {
 public:
  static constexpr int kMaxKept = 100;
  static constexpr size_t kMaxText = 2000;

  Diagnostic& Error(Loc loc, std::string message);
  Diagnostic& Warning(Loc loc, std::string message);

  bool has_errors() const { return errors_ > 0; }
  int error_count() const { return errors_; }
  int warning_count() const { return warnings_; }
  const std::vector<Diagnostic>& all() const { return list_; }
  // True for a diagnostic that is not kept: skip costly notes for it.
  bool Dropped(const Diagnostic& d) const { return &d == &dropped_; }

  // Renders the kept diagnostics, sorted by position, with source context,
  // and says how many more there were. `file` is the name to print (as the
  // user gave it); `source` the text.
  std::string Render(const std::string& file, const std::string& source) const;

 private:
  Diagnostic& Add(Severity severity, Loc loc, std::string message);
  void ShortenLast();

  std::vector<Diagnostic> list_;
  Diagnostic dropped_;  // what callers fill in for a diagnostic not kept
  int errors_ = 0;
  int warnings_ = 0;
  int kept_errors_ = 0;
  int kept_warnings_ = 0;
};

// `text` cut in the middle to about `max` bytes (at UTF-8 character
// boundaries) if it is much longer, else unchanged.
std::string Shorten(const std::string& text, size_t max);

// Renders one diagnostic (used by Render and by tests).
std::string RenderDiagnostic(const Diagnostic& d, const std::string& file,
                             const std::string& source);

// The candidate closest to `word` by edit distance, or "" if none is close
// enough to be a likely typo.
std::string ClosestMatch(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace wfgen
