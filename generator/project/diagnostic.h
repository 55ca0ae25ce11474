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

#include <functional>
#include <string>
#include <vector>

namespace wfgen {

// 1-based; line 0 means "the file as a whole". `col` counts bytes of the
// line; rendering turns it into the column editors count (EditorColumn).
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
  // Non-empty: shown once while this key stays the same (a hash of what it
  // is about), then not again (generator/ninja/shown_once.h).
  std::string once;
};

// kHuman: notes on lines of their own, after the source line and caret.
// kNotesInMessage: notes appended to the first line, `(note: ...)`, for
// tools that read only that line (VS Code's problem matcher matches one
// line per problem unless every problem has the same shape; `wfgen editor
// vscode` asks for it with WFGEN_DIAGNOSTICS=notes-inline).
enum class DiagnosticStyle { kHuman, kNotesInMessage };

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

  // Forgets the kept diagnostics for which `drop` is true, as if they had
  // never been reported (counts included).
  void Forget(const std::function<bool(const Diagnostic&)>& drop);

  // Renders the kept diagnostics, sorted by position, with source context,
  // and says how many more there were. `file` is the name to print (as the
  // user gave it); `source` the text.
  std::string Render(const std::string& file, const std::string& source,
                     DiagnosticStyle style = DiagnosticStyle::kHuman) const;

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
                             const std::string& source,
                             DiagnosticStyle style = DiagnosticStyle::kHuman);

// The 1-based column editors show for byte column `byte_col` of `line`:
// characters, counted in UTF-16 units as VS Code and the Language Server
// Protocol count them (a character beyond U+FFFF, an emoji, counts two).
int EditorColumn(const std::string& line, int byte_col);

// The candidate closest to `word` by edit distance, or "" if none is close
// enough to be a likely typo.
std::string ClosestMatch(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace wfgen
