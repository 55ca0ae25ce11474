#include "generator/project/names.h"

#include <cctype>

#include "runtime/base/paths.h"
#include "runtime/state/layout.h"
#include "runtime/state/step_spec.h"

namespace wfgen {

const char* ForbiddenChar(const std::string& s) {
  for (char c : s) {
    if (c == '\n') return "a newline";
    if (c == '\r') return "a carriage return";
    if (c == '|') return "'|'";
    if (c == '\0') return "a NUL byte";
  }
  return nullptr;
}

// Names become
// Ninja targets, file names under .wfgen/ and words on the console, so
// besides what no path may hold they must be spelled the way Ninja
// normalises paths ("./a", "a/" and "a//b" would each be a second name for
// a target Ninja calls "a"), stay out of wfgen's own .wfgen/ directory and
// fit in a file name.
std::string BadName(const std::string& name) {
  if (const char* bad = ForbiddenChar(name)) return std::string("contains ") + bad;
  for (unsigned char ch : name) {
    if (ch < 0x20 || ch == 0x7f) return "contains a control character";
  }
  if (IsAbsolute(name)) return "starts with '/'; a name is not an absolute path";
  std::string canonical = CanonicalPath(name);
  if (canonical != name) {
    return "is not written the way Ninja normalises paths ('" + canonical +
           "'), so it could name two different targets";
  }
  if (IsInsideWfgenDir(name)) {
    return "is inside .wfgen/, which holds wfgen's own files";
  }
  if (name == "build.ninja") return "is reserved for the generated Ninja file";
  if (FileSafeName(name).size() > 200) return "is too long to be part of a file name";
  return "";
}

// Quoting follows shlex (runtime/base/shlex.h), which splits the line when it
// runs without a shell.
bool LooksLikeShell(const std::string& line, std::string* what) {
  char quote = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quote) {
      if (c == quote) quote = 0;
      else if (c == '\\' && quote == '"') ++i;
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '\\') {
      ++i;
    } else if (c == '|' || c == '>' || c == '<' || c == ';' || c == '&' || c == '`') {
      *what = std::string("`") + c + "`";
      return true;
    } else if (c == '*' || c == '?') {
      *what = std::string("the glob `") + c + "`";
      return true;
    } else if (c == '$' && i + 1 < line.size() &&
               (isalpha(static_cast<unsigned char>(line[i + 1])) || line[i + 1] == '_' ||
                line[i + 1] == '(')) {
      *what = "`$" + std::string(1, line[i + 1]) + "...`";
      return true;
    } else if (c == '~' && (i == 0 || line[i - 1] == ' ') &&
               (i + 1 == line.size() || line[i + 1] == '/' || line[i + 1] == ' ')) {
      *what = "`~`";
      return true;
    }
  }
  return false;
}

}  // namespace wfgen
