#include "runtime/base/paths.h"

#include <unistd.h>

#include <vector>

namespace wfgen {
namespace {

std::vector<std::string> Components(const std::string& path) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    std::string part = path.substr(start, slash - start);
    if (!part.empty() && part != ".") out.push_back(part);
    start = slash + 1;
  }
  return out;
}

// True when CanonicalPath would return `path` as it is: no empty, "." or
// ".." component and no trailing slash. Most paths are written that way, and
// the generator canonicalizes every path several times (w4 in bench/).
bool AlreadyCanonical(const std::string& path) {
  if (path == "." || path == "/") return true;
  size_t i = !path.empty() && path[0] == '/' ? 1 : 0;
  for (;;) {
    size_t slash = path.find('/', i);
    size_t end = slash == std::string::npos ? path.size() : slash;
    size_t len = end - i;
    if (len == 0) return false;
    if (path[i] == '.' && (len == 1 || (len == 2 && path[i + 1] == '.'))) return false;
    if (slash == std::string::npos) return true;
    i = slash + 1;
  }
}

}  // namespace

bool IsAbsolute(const std::string& path) { return !path.empty() && path[0] == '/'; }

std::string CanonicalPath(const std::string& path) {
  if (AlreadyCanonical(path)) return path;
  bool abs = IsAbsolute(path);
  std::vector<std::string> kept;
  for (const std::string& part : Components(path)) {
    if (part == "..") {
      if (!kept.empty() && kept.back() != "..") {
        kept.pop_back();
        continue;
      }
      if (abs) continue;  // "/.." is "/"
    }
    kept.push_back(part);
  }
  std::string out = abs ? "/" : "";
  for (size_t i = 0; i < kept.size(); ++i) {
    if (i) out += "/";
    out += kept[i];
  }
  if (out.empty()) out = ".";
  return out;
}

std::string AbsolutePath(const std::string& path, const std::string& cwd) {
  if (IsAbsolute(path)) return CanonicalPath(path);
  return CanonicalPath(cwd + "/" + path);
}

std::string RelativePath(const std::string& from, const std::string& to) {
  std::vector<std::string> a = Components(from), b = Components(to);
  size_t common = 0;
  while (common < a.size() && common < b.size() && a[common] == b[common]) ++common;
  std::string out;
  for (size_t i = common; i < a.size(); ++i) out += out.empty() ? ".." : "/..";
  for (size_t i = common; i < b.size(); ++i) out += (out.empty() ? "" : "/") + b[i];
  return out.empty() ? "." : out;
}

std::string Rebase(const std::string& prefix, const std::string& path) {
  if (IsAbsolute(path) || prefix.empty() || prefix == ".") return CanonicalPath(path);
  return CanonicalPath(prefix + "/" + path);
}

bool PathsOverlap(const std::string& a, const std::string& b) {
  if (a == b || a == "." || b == ".") return true;
  const std::string& shorter = a.size() < b.size() ? a : b;
  const std::string& longer = a.size() < b.size() ? b : a;
  return longer.compare(0, shorter.size(), shorter) == 0 && longer[shorter.size()] == '/';
}

std::string CurrentDir() {
  char buf[4096];
  if (!getcwd(buf, sizeof buf)) return ".";
  return buf;
}

}  // namespace wfgen
