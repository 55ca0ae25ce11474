#include "generator/project/jsonc.h"

#include <cstdio>

#include "runtime/base/utf8.h"

namespace wfgen {
namespace {

const int kMaxDepth = 200;

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

class Parser {
 public:
  Parser(const std::string& text, bool strict, bool override_value, JsonError* err)
      : t_(text), strict_(strict), override_(override_value), err_(err) {}

  bool Document(JsonValue* out) {
    Skip();
    if (!Value(out, 0)) return false;
    Skip();
    if (pos_ != t_.size()) return Fail("unexpected text after the end of the document");
    return true;
  }

 private:
  // Skips space and comments; notes a `/*` that is never closed (the
  // skipping stops there, and whatever fails next says so).
  void Skip() {
    if (strict_) {
      while (pos_ < t_.size() && IsJsonSpace(t_[pos_])) ++pos_;
      return;
    }
    pos_ = SkipJsoncSpace(t_, pos_);
    if (t_.compare(pos_, 2, "/*") == 0) open_comment_ = true;
  }

  bool Fail(const std::string& message) {
    err_->line = 1;
    err_->column = 1;
    for (size_t i = 0; i < pos_ && i < t_.size(); ++i) {
      if (t_[i] == '\n') {
        ++err_->line;
        err_->column = 1;
      } else {
        ++err_->column;
      }
    }
    err_->message = open_comment_ ? "this /* comment is never closed" : message;
    return false;
  }

  bool Value(JsonValue* v, int depth) {
    if (depth > kMaxDepth) return Fail("nested too deeply");
    Skip();
    if (pos_ >= t_.size()) return Fail("unexpected end of the file; a value is missing");
    v->begin = pos_;
    char c = t_[pos_];
    bool ok;
    if (c == '{') {
      ok = Object(v, depth);
    } else if (c == '[') {
      ok = Array(v, depth);
    } else if (c == '"') {
      v->kind = JsonValue::Kind::kString;
      ok = String(&v->text);
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      ok = Number(v);
    } else {
      ok = Literal(v);
    }
    v->end = pos_;
    return ok;
  }

  bool Literal(JsonValue* v) {
    for (const char* word : {"true", "false", "null"}) {
      size_t n = std::char_traits<char>::length(word);
      if (t_.compare(pos_, n, word) == 0) {
        v->kind = word[0] == 'n' ? JsonValue::Kind::kNull : JsonValue::Kind::kBool;
        v->boolean = word[0] == 't';
        v->text = word;
        pos_ += n;
        return true;
      }
    }
    return Fail(std::string("unexpected '") + t_[pos_] + "'; expected a value");
  }

  bool Number(JsonValue* v) {
    size_t start = pos_;
    auto digits = [&] {
      size_t from = pos_;
      while (pos_ < t_.size() && t_[pos_] >= '0' && t_[pos_] <= '9') ++pos_;
      return pos_ > from;
    };
    bool negative = t_[pos_] == '-';
    if (negative) ++pos_;
    size_t int_start = pos_;
    // JSON has no leading zeros, but weasel reads override values with
    // srsly.json_loads (ujson), which takes "007" as 7: so does wfgen, in
    // the override mode. VS Code's jsonc reader refuses them.
    if (!override_ && t_.compare(pos_, 1, "0") == 0 && pos_ + 1 < t_.size() &&
        t_[pos_ + 1] >= '0' && t_[pos_ + 1] <= '9')
      return Fail("a number cannot start with 0");
    if (!digits()) return Fail("a number needs digits");
    std::string int_part = t_.substr(int_start, pos_ - int_start);
    bool bare_dot = false;
    if (pos_ < t_.size() && t_[pos_] == '.') {
      ++pos_;
      // ujson also reads "1." (as 1.0).
      bare_dot = !digits();
      if (bare_dot && !override_) return Fail("a number needs digits after '.'");
    }
    if (pos_ < t_.size() && (t_[pos_] == 'e' || t_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < t_.size() && (t_[pos_] == '+' || t_[pos_] == '-')) ++pos_;
      if (!digits()) return Fail("a number needs digits in its exponent");
    }
    v->kind = JsonValue::Kind::kNumber;
    v->text = t_.substr(start, pos_ - start);
    if (override_) {
      // The number as Python prints it: "007" is 7, "1." is 1.0.
      size_t zeros = int_part.find_first_not_of('0');
      std::string canonical = zeros == std::string::npos ? "0" : int_part.substr(zeros);
      v->text = (negative ? "-" : "") + canonical +
                t_.substr(int_start + int_part.size(), pos_ - int_start - int_part.size()) +
                (bare_dot ? "0" : "");
    }
    return true;
  }

  bool Hex4(unsigned* out) {
    if (pos_ + 4 > t_.size()) return Fail("\\u needs four hex digits");
    *out = 0;
    for (int i = 0; i < 4; ++i) {
      char c = t_[pos_++];
      unsigned d = c >= '0' && c <= '9'   ? c - '0'
                   : c >= 'a' && c <= 'f' ? c - 'a' + 10
                   : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                          : 16;
      if (d == 16) return Fail("\\u needs four hex digits");
      *out = *out * 16 + d;
    }
    return true;
  }

  bool String(std::string* out) {
    ++pos_;  // the quote
    out->clear();
    while (pos_ < t_.size()) {
      char c = t_[pos_];
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c == '\n') return Fail("a string cannot span lines; the closing '\"' is missing");
      if (strict_ && !override_ && static_cast<unsigned char>(c) < 0x20)
        return Fail("a control character in a string must be written as an escape");
      if (c != '\\') {
        *out += c;
        ++pos_;
        continue;
      }
      if (++pos_ >= t_.size()) break;
      char e = t_[pos_++];
      switch (e) {
        case '"': *out += '"'; break;
        case '\\': *out += '\\'; break;
        case '/': *out += '/'; break;
        case 'b': *out += '\b'; break;
        case 'f': *out += '\f'; break;
        case 'n': *out += '\n'; break;
        case 'r': *out += '\r'; break;
        case 't': *out += '\t'; break;
        case 'u': {
          unsigned cp = 0;
          if (!Hex4(&cp)) return false;
          if (cp >= 0xD800 && cp < 0xDC00 && t_.compare(pos_, 2, "\\u") == 0) {
            pos_ += 2;
            unsigned low = 0;
            if (!Hex4(&low)) return false;
            if (low >= 0xDC00 && low < 0xE000) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            } else {
              AppendUtf8(cp, out);
              cp = low;
            }
          }
          AppendUtf8(cp, out);
          break;
        }
        default:
          pos_ -= 2;  // at the backslash
          return Fail(std::string("unknown escape '\\") + e + "' in a string");
      }
    }
    return Fail("unexpected end of the file inside a string");
  }

  // After an element: `,` (possibly trailing) or the closing bracket.
  bool Separator(char close, const char* what, bool* done) {
    Skip();
    if (pos_ < t_.size() && t_[pos_] == ',') {
      ++pos_;
      Skip();
      *done = pos_ < t_.size() && t_[pos_] == close;  // a trailing comma
      if (*done && strict_) return Fail(std::string("a trailing ',' before '") + close + "'");
    } else if (pos_ < t_.size() && t_[pos_] == close) {
      *done = true;
    } else {
      return Fail(std::string("expected ',' or '") + close + "' after " + what);
    }
    if (*done) ++pos_;
    return true;
  }

  bool Array(JsonValue* v, int depth) {
    v->kind = JsonValue::Kind::kArray;
    ++pos_;
    Skip();
    if (pos_ < t_.size() && t_[pos_] == ']') {
      ++pos_;
      return true;
    }
    for (bool done = false; !done;) {
      auto item = std::make_shared<JsonValue>();
      if (!Value(item.get(), depth + 1)) return false;
      v->items.push_back(item);
      if (!Separator(']', "an array element", &done)) return false;
    }
    return true;
  }

  bool Object(JsonValue* v, int depth) {
    v->kind = JsonValue::Kind::kObject;
    ++pos_;
    Skip();
    if (pos_ < t_.size() && t_[pos_] == '}') {
      ++pos_;
      return true;
    }
    for (bool done = false; !done;) {
      Skip();
      if (pos_ >= t_.size() || t_[pos_] != '"') return Fail("expected a key in double quotes");
      v->key_begins.push_back(pos_);
      std::string key;
      if (!String(&key)) return false;
      Skip();
      if (pos_ >= t_.size() || t_[pos_] != ':') return Fail("expected ':' after the key");
      ++pos_;
      auto item = std::make_shared<JsonValue>();
      if (!Value(item.get(), depth + 1)) return false;
      v->keys.push_back(std::move(key));
      v->items.push_back(item);
      if (!Separator('}', "a member", &done)) return false;
    }
    return true;
  }

  const std::string& t_;
  bool strict_;
  bool override_;  // read as srsly.json_loads reads a --vars value
  JsonError* err_;
  size_t pos_ = 0;
  bool open_comment_ = false;
};

}  // namespace

const JsonValue* JsonValue::Find(const std::string& key) const {
  const JsonValue* found = nullptr;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (keys[i] == key) found = items[i].get();
  }
  return found;
}

std::string JsonValue::StringOf(const std::string& key) const {
  const JsonValue* v = Find(key);
  return v && v->is_string() ? v->text : "";
}

size_t SkipJsoncSpace(const std::string& text, size_t pos) {
  while (pos < text.size()) {
    char c = text[pos];
    if (IsJsonSpace(c)) {
      ++pos;
    } else if (text.compare(pos, 2, "//") == 0) {
      size_t eol = text.find('\n', pos);
      pos = eol == std::string::npos ? text.size() : eol + 1;
    } else if (text.compare(pos, 2, "/*") == 0) {
      size_t close = text.find("*/", pos + 2);
      // Unterminated: stop at it, so the parser reports where it starts.
      if (close == std::string::npos) return pos;
      pos = close + 2;
    } else {
      break;
    }
  }
  return pos;
}

bool ParseJsonc(const std::string& text, JsonValue* out, JsonError* err) {
  *out = JsonValue();
  return Parser(text, false, false, err).Document(out);
}

bool ParseJson(const std::string& text, JsonValue* out, JsonError* err) {
  *out = JsonValue();
  return Parser(text, true, true, err).Document(out);
}

}  // namespace wfgen
