#include "runtime/state/asset_url.h"

#include <cctype>

namespace wfgen {
namespace {

bool StartsWith(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

std::string ReplaceAll(const std::string& s, const std::string& from, const std::string& to) {
  std::string out;
  size_t pos = 0;
  for (;;) {
    size_t hit = s.find(from, pos);
    if (hit == std::string::npos) break;
    out += s.substr(pos, hit - pos) + to;
    pos = hit + from.size();
  }
  return out + s.substr(pos);
}

}  // namespace

bool ConvertGithubUrl(const std::string& url, std::string* converted) {
  *converted = url;
  size_t host;
  if (StartsWith(url, "https://")) {
    host = 8;
  } else if (StartsWith(url, "http://")) {
    host = 7;
  } else {
    return false;
  }
  // "github" + any character but a newline (regex '.') + "com".
  if (url.size() < host + 10 || url.compare(host, 6, "github") != 0 || url[host + 6] == '\n' ||
      url.compare(host + 7, 3, "com") != 0) {
    return false;
  }
  if (url.find("releases/download") != std::string::npos ||
      url.find("/raw/") != std::string::npos) {
    return false;
  }
  std::string s = ReplaceAll(url, "github.com", "raw.githubusercontent.com");
  std::string out;
  for (size_t i = 0; i < s.size();) {
    if (s.compare(i, 6, "/tree/") == 0 || s.compare(i, 6, "/blob/") == 0) {
      out += '/';
      i += 6;
    } else {
      out += s[i++];
    }
  }
  *converted = out;
  return true;
}

bool CheckUrlScheme(const std::string& url, std::string* err) {
  size_t colon = url.find("://");
  std::string scheme = colon == std::string::npos ? "" : url.substr(0, colon);
  for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (scheme == "http" || scheme == "https") {
    for (char c : url) {
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
        *err = "the URL holds a control character";
        return false;
      }
    }
    return true;
  }
  if (scheme.empty()) {
    *err = "'" + url + "' is not a URL: only http:// and https:// assets are downloaded";
  } else {
    *err =
        "unsupported URL scheme '" + scheme + "': only http:// and https:// assets are downloaded";
  }
  return false;
}

bool CheckRepo(const std::string& repo, std::string* err) {
  if (repo.empty()) {
    *err = "the git repo is empty";
    return false;
  }
  if (repo[0] == '-') {
    *err = "the git repo '" + repo + "' starts with '-', which git would read as an option";
    return false;
  }
  for (char c : repo) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      *err = "the git repo holds a control character";
      return false;
    }
  }
  return true;
}

bool CheckRelativePath(const std::string& path, const std::string& what, bool allow_empty,
                       std::string* err) {
  if (path.empty()) {
    if (allow_empty) return true;
    *err = what + " is empty";
    return false;
  }
  if (path[0] == '/') {
    *err = what + " '" + path + "' is absolute: it must be a path inside the project";
    return false;
  }
  if (path.find('\0') != std::string::npos || path.find('\n') != std::string::npos) {
    *err = what + " holds a control character";
    return false;
  }
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    if (path.compare(start, slash - start, "..") == 0 && slash - start == 2) {
      *err = what + " '" + path + "' contains '..': it must stay inside the project";
      return false;
    }
    start = slash + 1;
  }
  return true;
}

}  // namespace wfgen
