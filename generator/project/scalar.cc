#include "generator/project/scalar.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include <re2/re2.h>

#include "generator/project/json_text.h"
#include "generator/project/jsonc.h"

namespace wfgen {
namespace {

const RE2& IntPattern() {
  static const RE2 re("[-+]?(0b[01_]+|0o[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*)");
  return re;
}

const RE2& FloatPattern() {
  static const RE2 re(
      "[-+]?(([0-9][0-9_]*)?\\.[0-9_]*([eE][-+]?[0-9]+)?|[0-9][0-9_]*[eE][-+]?[0-9]+)"
      "|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");
  return re;
}

bool IsNullText(const std::string& t) {
  return t.empty() || t == "~" || t == "null" || t == "Null" || t == "NULL";
}

bool IsBoolText(const std::string& t, bool* value) {
  if (t == "true" || t == "True" || t == "TRUE") {
    *value = true;
    return true;
  }
  if (t == "false" || t == "False" || t == "FALSE") {
    *value = false;
    return true;
  }
  return false;
}

std::string WithoutUnderscores(const std::string& t) {
  std::string out;
  for (char c : t) {
    if (c != '_') out += c;
  }
  return out;
}

// Parses a YAML float the way Python's float() would after ruamel's
// normalisation.
double FloatValue(const std::string& text) {
  std::string t = WithoutUnderscores(text);
  std::string body = t;
  bool neg = false;
  if (!body.empty() && (body[0] == '-' || body[0] == '+')) {
    neg = body[0] == '-';
    body = body.substr(1);
  }
  if (body == ".inf" || body == ".Inf" || body == ".INF") return neg ? -HUGE_VAL : HUGE_VAL;
  if (body == ".nan" || body == ".NaN" || body == ".NAN") return NAN;
  return strtod(t.c_str(), nullptr);
}

bool RenderJson(const YNode& node, std::string* out, std::string* err, int depth) {
  if (depth > 100) {
    *err = "value nested too deeply";
    return false;
  }
  switch (node.kind) {
    case YNode::Kind::kNull: *out += "null"; return true;
    case YNode::Kind::kScalar:
      if (ResolveScalar(node) == ScalarType::kString) {
        *out += JsonString(node.text);
        return true;
      }
      return RenderForString(node, out, err) || false;
    case YNode::Kind::kSeq: {
      *out += "[";
      for (size_t i = 0; i < node.items.size(); ++i) {
        if (i) *out += ",";
        if (!RenderJson(*node.items[i], out, err, depth + 1)) return false;
      }
      *out += "]";
      return true;
    }
    case YNode::Kind::kMap: {
      *out += "{";
      for (size_t i = 0; i < node.entries.size(); ++i) {
        if (i) *out += ",";
        *out += JsonString(node.entries[i].first->text) + ":";
        if (!RenderJson(*node.entries[i].second, out, err, depth + 1)) return false;
      }
      *out += "}";
      return true;
    }
  }
  return false;
}

// An override value read as JSON, as YNodes whose scalars carry the JSON
// types: strings quoted, the rest plain, so that they render as weasel
// renders what json.loads returned.
YNodePtr FromJson(const JsonValue& v) {
  auto n = std::make_shared<YNode>();
  switch (v.kind) {
    case JsonValue::Kind::kNull: n->kind = YNode::Kind::kNull; break;
    case JsonValue::Kind::kBool:
    case JsonValue::Kind::kNumber:
    case JsonValue::Kind::kString:
      n->kind = YNode::Kind::kScalar;
      n->text = v.text;
      n->plain = v.kind != JsonValue::Kind::kString;
      break;
    case JsonValue::Kind::kArray:
      n->kind = YNode::Kind::kSeq;
      for (const auto& item : v.items) n->items.push_back(FromJson(*item));
      break;
    case JsonValue::Kind::kObject:
      n->kind = YNode::Kind::kMap;
      for (size_t i = 0; i < v.keys.size(); ++i) {
        auto key = std::make_shared<YNode>();
        key->kind = YNode::Kind::kScalar;
        key->text = v.keys[i];
        n->entries.emplace_back(key, FromJson(*v.items[i]));
      }
      break;
  }
  return n;
}

}  // namespace

ScalarType ResolveScalar(const YNode& node) {
  if (node.kind == YNode::Kind::kNull) return ScalarType::kNull;
  if (node.kind != YNode::Kind::kScalar || !node.plain) return ScalarType::kString;
  const std::string& t = node.text;
  bool b;
  if (IsNullText(t)) return ScalarType::kNull;
  if (IsBoolText(t, &b)) return ScalarType::kBool;
  if (RE2::FullMatch(t, IntPattern())) return ScalarType::kInt;
  if (RE2::FullMatch(t, FloatPattern()) && t != "." &&
      t.find_first_of("0123456789inIN") != std::string::npos)
    return ScalarType::kFloat;
  return ScalarType::kString;
}

bool ScalarAsBool(const YNode& node, bool* out) {
  return node.kind == YNode::Kind::kScalar && node.plain && IsBoolText(node.text, out);
}

bool ScalarAsInt(const YNode& node, int64_t* out) {
  if (ResolveScalar(node) != ScalarType::kInt) return false;
  std::string t = WithoutUnderscores(node.text);
  bool neg = false;
  size_t i = 0;
  if (t[0] == '-' || t[0] == '+') {
    neg = t[0] == '-';
    i = 1;
  }
  int base = 10;
  if (t.compare(i, 2, "0x") == 0) base = 16, i += 2;
  else if (t.compare(i, 2, "0o") == 0) base = 8, i += 2;
  else if (t.compare(i, 2, "0b") == 0) base = 2, i += 2;
  errno = 0;
  char* end = nullptr;
  unsigned long long v = strtoull(t.c_str() + i, &end, base);
  if (errno == ERANGE || *end || v > static_cast<unsigned long long>(INT64_MAX)) return false;
  *out = neg ? -static_cast<int64_t>(v) : static_cast<int64_t>(v);
  return true;
}

std::string PythonFloatRepr(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value < 0 ? "-inf" : "inf";
  char buf[64];
  // Shortest precision that reads back as the same double.
  int precision = 1;
  for (; precision <= 17; ++precision) {
    snprintf(buf, sizeof buf, "%.*e", precision - 1, value);
    if (strtod(buf, nullptr) == value) break;
  }
  // buf is "[-]d.ddde[+-]XX": split into sign, digits and exponent.
  std::string s = buf;
  bool neg = s[0] == '-';
  if (neg) s = s.substr(1);
  size_t e = s.find('e');
  std::string mant = s.substr(0, e);
  int exp10 = atoi(s.c_str() + e + 1);
  std::string digits;
  for (char c : mant) {
    if (c != '.') digits += c;
  }
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  int decpt = exp10 + 1;  // value = 0.DIGITS * 10^decpt
  std::string out;
  if (decpt > -4 && decpt <= 16) {
    if (decpt <= 0) {
      out = "0." + std::string(static_cast<size_t>(-decpt), '0') + digits;
    } else if (static_cast<size_t>(decpt) >= digits.size()) {
      out = digits + std::string(static_cast<size_t>(decpt) - digits.size(), '0') + ".0";
    } else {
      out = digits.substr(0, static_cast<size_t>(decpt)) + "." +
            digits.substr(static_cast<size_t>(decpt));
    }
  } else {
    out = digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    char eb[16];
    snprintf(eb, sizeof eb, "e%c%02d", exp10 < 0 ? '-' : '+', exp10 < 0 ? -exp10 : exp10);
    out += eb;
  }
  return neg ? "-" + out : out;
}

bool RenderForString(const YNode& node, std::string* out, std::string* err) {
  switch (node.kind) {
    case YNode::Kind::kNull: *out += "null"; return true;
    case YNode::Kind::kSeq: return RenderJson(node, out, err, 0);
    case YNode::Kind::kMap:
      *err = "a mapping cannot be inserted into a string; refer to one of its values";
      return false;
    case YNode::Kind::kScalar: break;
  }
  bool b;
  switch (ResolveScalar(node)) {
    case ScalarType::kNull: *out += "null"; return true;
    case ScalarType::kBool:
      IsBoolText(node.text, &b);
      *out += b ? "true" : "false";
      return true;
    case ScalarType::kInt: {
      int64_t v;
      if (ScalarAsInt(node, &v)) {
        *out += std::to_string(v);
      } else {
        // Beyond 64 bits: the digits as written, without separators.
        std::string t = WithoutUnderscores(node.text);
        if (t[0] == '+') t = t.substr(1);
        *out += t;
      }
      return true;
    }
    case ScalarType::kFloat: *out += PythonFloatRepr(FloatValue(node.text)); return true;
    case ScalarType::kString: *out += node.text; return true;
  }
  return false;
}

YNodePtr ParseOverrideValue(const std::string& text) {
  JsonValue json;
  JsonError err;
  if (ParseJson(text, &json, &err)) return FromJson(json);
  auto n = std::make_shared<YNode>();
  n->kind = YNode::Kind::kScalar;
  n->text = text;
  return n;
}

}  // namespace wfgen
