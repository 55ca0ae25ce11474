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

class Diagnostics {
 public:
  Diagnostic& Error(Loc loc, std::string message);
  Diagnostic& Warning(Loc loc, std::string message);

  bool has_errors() const { return errors_ > 0; }
  int error_count() const { return errors_; }
  const std::vector<Diagnostic>& all() const { return list_; }

  // Renders every diagnostic, sorted by position, with source context.
  // `file` is the name to print (as the user gave it); `source` the text.
  std::string Render(const std::string& file, const std::string& source) const;

 private:
  std::vector<Diagnostic> list_;
  int errors_ = 0;
};

// Renders one diagnostic (used by Render and by tests).
std::string RenderDiagnostic(const Diagnostic& d, const std::string& file,
                             const std::string& source);

// The candidate closest to `word` by edit distance, or "" if none is close
// enough to be a likely typo.
std::string ClosestMatch(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace wfgen
