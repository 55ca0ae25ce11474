#include "runtime/state/depfile.h"

#include <set>

#include "runtime/base/disk.h"
#include "runtime/state/fingerprint.h"

namespace wfgen {
namespace {

// The characters ninja's depfile lexer takes as plain text.
bool Plain(unsigned char c) {
  if (c >= 0x80) return true;
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case '+':
    case ',':
    case '/':
    case '_':
    case ':':
    case '.':
    case '~':
    case '(':
    case ')':
    case '}':
    case '{':
    case '%':
    case '=':
    case '@':
    case '[':
    case ']':
    case '!':
    case '-': return true;
  }
  return false;
}

}  // namespace

bool EscapeDepfilePath(const std::string& path, std::string* out) {
  out->clear();
  if (path.empty() || path.back() == ':') return false;
  for (size_t i = 0; i < path.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(path[i]);
    if (Plain(c)) {
      *out += static_cast<char>(c);
    } else if (c == ' ') {
      *out += "\\ ";
    } else if (c == '#') {
      *out += "\\#";
    } else if (c == '$') {
      *out += "$$";
    } else if (c == '\\' && i + 1 < path.size() && Plain(static_cast<unsigned char>(path[i + 1])) &&
               path[i + 1] != ':') {
      // A backslash before plain text is kept as it is.
      *out += '\\';
    } else {
      return false;
    }
  }
  return true;
}

std::string RenderDepfile(const std::string& target, const std::string& prefix,
                          const std::vector<const PathState*>& paths) {
  std::string out;
  std::string esc;
  if (!EscapeDepfilePath(target, &esc)) esc = "wfgen-target";
  out += esc + ":";
  std::set<std::string> seen;
  auto add = [&](const std::string& project_rel) {
    std::string p = JoinPath(prefix, project_rel);
    if (!seen.insert(p).second) return;
    if (!EscapeDepfilePath(p, &esc)) return;
    out += " \\\n  " + esc;
  };
  for (const PathState* ps : paths) {
    if (ps->kind != FileKind::kDir) continue;
    for (const FileState& child : ps->children) {
      std::string full = ChildPath(*ps, child);
      // Each directory on the way down, so an added file is noticed too.
      std::string rel = child.rel;
      for (size_t slash = rel.find('/'); slash != std::string::npos;
           slash = rel.find('/', slash + 1)) {
        add(PathBelow(ps->path, rel.substr(0, slash)));
      }
      add(full);
    }
  }
  out += "\n";
  return out;
}

}  // namespace wfgen
