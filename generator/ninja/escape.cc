#include "generator/ninja/escape.h"

#include "runtime/base/shlex.h"

namespace wfgen {

std::string NinjaPath(const std::string& path) {
  std::string out;
  out.reserve(path.size() + 8);
  for (char c : path) {
    if (c == '$' || c == ' ' || c == ':') out += '$';
    out += c;
  }
  return out;
}

std::string NinjaValue(const std::string& value) {
  std::string out;
  out.reserve(value.size() + 8);
  for (size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    if (c == '$') {
      out += "$$";
    } else if (c == '\n' || c == '\r') {
      out += ' ';
    } else if (c == ' ' && i == 0) {
      out += "$ ";
    } else {
      out += c;
    }
  }
  return out;
}

std::string ShellWord(const std::string& word) { return ShlexQuote(word); }

}  // namespace wfgen
