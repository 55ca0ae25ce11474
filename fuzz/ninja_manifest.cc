#include "fuzz/ninja_manifest.h"

#include <cstdlib>

namespace wfgen {
namespace manifest {
namespace {

bool IsVarChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

bool IsSimpleVarChar(char c) { return IsVarChar(c) && c != '-'; }

class LineReader {
 public:
  LineReader(const std::string& line, int number) : s_(line), n_(number) {}

  bool AtEnd() const { return i_ >= s_.size(); }
  void SkipSpaces() {
    while (i_ < s_.size() && s_[i_] == ' ') ++i_;
  }
  bool Consume(const std::string& token) {
    if (s_.compare(i_, token.size(), token) != 0) return false;
    i_ += token.size();
    return true;
  }
  char Peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }

  // An identifier (rule, pool, variable names).
  bool Ident(std::string* out, std::string* err) {
    size_t start = i_;
    while (i_ < s_.size() && (IsVarChar(s_[i_]) || s_[i_] == '.')) ++i_;
    if (i_ == start) return Fail("expected a name", err);
    *out = s_.substr(start, i_ - start);
    return true;
  }

  // A path: ends at an unescaped space, ':' or '|' or the line's end.
  // `$$`, `$ ` and `$:` are the only escapes wfgen writes in paths.
  bool Path(std::string* out, std::string* err) {
    out->clear();
    size_t start = i_;
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == ' ' || c == ':' || c == '|') break;
      if (c == '$') {
        if (!LiteralEscape(out, err)) return false;
        continue;
      }
      *out += c;
      ++i_;
    }
    if (i_ == start) return Fail("expected a path", err);
    return true;
  }

  // The rest of the line as a value. `literal`: only escapes, no variable
  // references (build bindings, top-level variables); otherwise references
  // are kept as written (rule bodies).
  bool Value(bool literal, std::string* out, std::string* err) {
    out->clear();
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c != '$') {
        *out += c;
        ++i_;
        continue;
      }
      if (literal) {
        if (!LiteralEscape(out, err)) return false;
        continue;
      }
      char next = i_ + 1 < s_.size() ? s_[i_ + 1] : '\0';
      if (next == '$' || next == ' ' || next == ':') {
        if (!LiteralEscape(out, err)) return false;
      } else if (next == '{' || IsSimpleVarChar(next)) {
        size_t start = i_++;
        if (s_[i_] == '{') {
          size_t close = s_.find('}', i_);
          if (close == std::string::npos) return Fail("unterminated ${", err);
          i_ = close + 1;
        } else {
          while (i_ < s_.size() && IsSimpleVarChar(s_[i_])) ++i_;
        }
        *out += s_.substr(start, i_ - start);
      } else {
        return Fail("bad $-escape", err);
      }
    }
    return true;
  }

  bool Fail(const std::string& why, std::string* err) const {
    *err = "line " + std::to_string(n_) + ": " + why + " at column " + std::to_string(i_ + 1) +
           ": " + s_;
    return false;
  }

 private:
  bool LiteralEscape(std::string* out, std::string* err) {
    char next = i_ + 1 < s_.size() ? s_[i_ + 1] : '\0';
    if (next == '$' || next == ' ' || next == ':') {
      *out += next;
      i_ += 2;
      return true;
    }
    if (next == '\0') return Fail("line continuation ($ at the end of a line)", err);
    return Fail("variable reference or bad escape where only literal text belongs", err);
  }

  const std::string& s_;
  int n_;
  size_t i_ = 0;
};

bool ParseBuild(LineReader* r, Build* b, std::string* err) {
  std::vector<std::string>* list = &b->outputs;
  bool seen_colon = false;
  for (;;) {
    r->SkipSpaces();
    if (r->AtEnd()) break;
    if (!seen_colon) {
      if (r->Consume(":")) {
        seen_colon = true;
        r->SkipSpaces();
        if (!r->Ident(&b->rule, err)) return false;
        list = &b->inputs;
        continue;
      }
      if (r->Consume("|")) {
        if (list != &b->outputs) return r->Fail("second '|' among outputs", err);
        list = &b->implicit_outputs;
        continue;
      }
    } else {
      if (r->Consume("||")) {
        if (list == &b->order_only) return r->Fail("second '||'", err);
        list = &b->order_only;
        continue;
      }
      if (r->Peek() == '|' && r->Consume("|@")) return r->Fail("validations are not written", err);
      if (r->Consume("|")) {
        if (list != &b->inputs) return r->Fail("'|' out of place", err);
        list = &b->implicit;
        continue;
      }
    }
    std::string path;
    if (!r->Path(&path, err)) return false;
    list->push_back(path);
  }
  if (!seen_colon) return r->Fail("build line without ':'", err);
  if (b->outputs.empty()) return r->Fail("build line without outputs", err);
  return true;
}

}  // namespace

std::string Build::Get(const std::string& key) const {
  for (const Binding& b : bindings) {
    if (b.key == key) return b.value;
  }
  return "";
}

bool Parse(const std::string& text, Manifest* out, std::string* err) {
  *out = Manifest();
  enum { kTop, kRule, kBuild, kPool } scope = kTop;
  size_t pos = 0;
  int number = 0;
  if (!text.empty() && text.back() != '\n') {
    *err = "the file does not end with a newline";
    return false;
  }
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    std::string line = text.substr(pos, eol - pos);
    pos = eol + 1;
    ++number;
    for (char c : line) {
      if (c == '\r' || c == '\0') {
        *err = "line " + std::to_string(number) + ": a carriage return or NUL byte";
        return false;
      }
    }
    LineReader r(line, number);
    if (line.empty()) {
      scope = kTop;
      continue;
    }
    if (line[0] == '#') continue;
    if (line[0] == ' ') {
      if (!r.Consume("  ") || r.Peek() == ' ') return r.Fail("indentation is not two spaces", err);
      Binding b;
      if (!r.Ident(&b.key, err)) return false;
      if (!r.Consume(" = ")) return r.Fail("expected ' = '", err);
      switch (scope) {
        case kTop: return r.Fail("indented line outside a rule, build or pool", err);
        case kRule:
          if (!r.Value(false, &b.value, err)) return false;
          out->rules.back().bindings.push_back(b);
          break;
        case kBuild:
          if (!r.Value(true, &b.value, err)) return false;
          out->builds.back().bindings.push_back(b);
          break;
        case kPool:
          if (b.key != "depth" || !r.Value(true, &b.value, err)) return r.Fail("bad pool", err);
          out->pools.back().second = atoi(b.value.c_str());
          break;
      }
      continue;
    }
    if (r.Consume("build ")) {
      Build b;
      b.line = number;
      if (!ParseBuild(&r, &b, err)) return false;
      out->builds.push_back(std::move(b));
      scope = kBuild;
    } else if (r.Consume("rule ")) {
      Rule rule;
      if (!r.Ident(&rule.name, err)) return false;
      if (!r.AtEnd()) return r.Fail("junk after the rule name", err);
      out->rules.push_back(rule);
      scope = kRule;
    } else if (r.Consume("pool ")) {
      std::string name;
      if (!r.Ident(&name, err)) return false;
      if (!r.AtEnd()) return r.Fail("junk after the pool name", err);
      out->pools.push_back({name, 0});
      scope = kPool;
    } else if (r.Consume("default ")) {
      for (;;) {
        r.SkipSpaces();
        if (r.AtEnd()) break;
        std::string path;
        if (!r.Path(&path, err)) return false;
        out->defaults.push_back(path);
      }
      scope = kTop;
    } else {
      std::string name, value;
      if (!r.Ident(&name, err)) return false;
      if (!r.Consume(" = ")) return r.Fail("unknown statement", err);
      if (!r.Value(true, &value, err)) return false;
      out->variables.push_back({name, value});
      scope = kTop;
    }
  }
  return true;
}

std::string Canonical(const std::string& path) {
  bool abs = !path.empty() && path[0] == '/';
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    std::string part = path.substr(start, slash - start);
    start = slash + 1;
    if (part.empty() || part == ".") continue;
    if (part == ".." && !parts.empty() && parts.back() != "..") {
      parts.pop_back();
      continue;
    }
    parts.push_back(part);
  }
  std::string out = abs ? "/" : "";
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? "/" : "") + parts[i];
  return out.empty() ? "." : out;
}

}  // namespace manifest
}  // namespace wfgen
