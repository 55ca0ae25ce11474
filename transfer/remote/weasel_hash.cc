#include "transfer/remote/weasel_hash.h"

#include <algorithm>

#include "runtime/state/weasel_checksum.h"

namespace wfgen {
namespace {

std::vector<std::string> Parts(const std::string& normal) {
  std::vector<std::string> parts;
  size_t start = 0;
  if (!normal.empty() && normal[0] == '/') {
    parts.push_back("/");
    start = 1;
  }
  while (start < normal.size()) {
    size_t slash = normal.find('/', start);
    if (slash == std::string::npos) slash = normal.size();
    parts.push_back(normal.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

}  // namespace

std::string PathlibNormal(const std::string& path) {
  std::string out;
  if (!path.empty() && path[0] == '/') out = "/";
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    std::string part = path.substr(start, slash - start);
    if (!part.empty() && part != ".") {
      if (!out.empty() && out.back() != '/') out += '/';
      out += part;
    }
    start = slash + 1;
  }
  return out.empty() ? "." : out;
}

bool PathlibLess(const std::string& a, const std::string& b) {
  return Parts(PathlibNormal(a)) < Parts(PathlibNormal(b));
}

bool CommandHash(Disk* disk, const std::string& project_dir, const std::vector<std::string>& deps,
                 const std::vector<std::string>& script, std::string* hex, std::string* err) {
  // weasel sorts `project_dir / dep`: an absolute dep replaces the prefix.
  std::vector<std::string> full;
  for (const std::string& d : deps) {
    full.push_back(!d.empty() && d[0] == '/' ? d : JoinPath(project_dir, d));
  }
  std::sort(full.begin(), full.end(), PathlibLess);
  std::string joined;
  for (const std::string& f : full) {
    std::string sum;
    if (!WeaselChecksum(disk, f, &sum, err)) return false;
    joined += sum;
  }
  for (const std::string& line : script) joined += line;
  *hex = Md5Hex(joined);
  return true;
}

std::string QuotePlus(std::string_view s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
        c == '.' || c == '-' || c == '~') {
      out += static_cast<char>(c);
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace wfgen
