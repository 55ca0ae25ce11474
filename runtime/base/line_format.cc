#include "runtime/base/line_format.h"

namespace wfgen {

std::string EscapeField(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (char c : raw) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
  return out;
}

bool UnescapeField(std::string_view escaped, std::string* raw) {
  raw->clear();
  raw->reserve(escaped.size());
  for (size_t i = 0; i < escaped.size(); ++i) {
    char c = escaped[i];
    if (c != '\\') {
      *raw += c;
      continue;
    }
    if (++i == escaped.size()) return false;
    switch (escaped[i]) {
      case '\\': *raw += '\\'; break;
      case 'n': *raw += '\n'; break;
      case 'r': *raw += '\r'; break;
      default: return false;
    }
  }
  return true;
}

std::vector<std::string_view> SplitAt(std::string_view text, char sep) {
  std::vector<std::string_view> pieces;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find(sep, pos);
    if (end == std::string_view::npos) end = text.size();
    pieces.push_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return pieces;
}

std::vector<std::string_view> SplitLines(std::string_view text) { return SplitAt(text, '\n'); }

std::vector<KeyValue> SplitKeyValues(std::string_view text) {
  std::vector<KeyValue> out;
  for (std::string_view line : SplitLines(text)) {
    if (line.empty()) continue;
    size_t sp = line.find(' ');
    if (sp == std::string_view::npos) {
      out.push_back({line, std::string_view()});
    } else {
      out.push_back({line.substr(0, sp), line.substr(sp + 1)});
    }
  }
  return out;
}

std::vector<std::string_view> SplitFields(std::string_view value, size_t max_fields) {
  std::vector<std::string_view> out;
  while (out.size() + 1 < max_fields) {
    size_t sp = value.find(' ');
    if (sp == std::string_view::npos) break;
    out.push_back(value.substr(0, sp));
    value = value.substr(sp + 1);
  }
  out.push_back(value);
  return out;
}

}  // namespace wfgen
