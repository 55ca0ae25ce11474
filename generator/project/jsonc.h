// JSON with comments (VS Code's "jsonc": `//` and `/* */` comments and
// trailing commas), read into a tree that remembers where each value is in
// the text, so that a file can be edited in place and everything not
// touched (comments, layout, the user's other entries) stays as it was.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace wfgen {

struct JsonValue {
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };
  Kind kind = Kind::kNull;
  size_t begin = 0;  // the value's first byte in the text
  size_t end = 0;    // one past its last byte
  std::string text;  // a string's decoded value; a number or literal as written
  bool boolean = false;
  std::vector<std::shared_ptr<JsonValue>> items;  // array elements, object values
  std::vector<std::string> keys;                  // object keys, in order
  std::vector<size_t> key_begins;                 // where each key's `"` is

  bool is_string() const { return kind == Kind::kString; }
  bool is_array() const { return kind == Kind::kArray; }
  bool is_object() const { return kind == Kind::kObject; }
  // An object's member (the last one if the key repeats), or null.
  const JsonValue* Find(const std::string& key) const;
  // The member's string value, or "" if it is missing or not a string.
  std::string StringOf(const std::string& key) const;
};

struct JsonError {
  int line = 0;    // 1-based
  int column = 0;  // 1-based, in bytes
  std::string message;
};

// Parses `text` as JSON with comments and trailing commas. At most 200
// levels of nesting.
bool ParseJsonc(const std::string& text, JsonValue* out, JsonError* err);

// Parses `text` as weasel reads a `--vars` value (srsly.json_loads, that
// is ujson): JSON without comments or trailing commas, but also numbers
// with leading zeros ("007" is 7, its text "7") or a bare point ("1." is
// 1.0), and raw control characters inside strings.
bool ParseJson(const std::string& text, JsonValue* out, JsonError* err);

// The first byte at or after `pos` that is neither white space nor part of
// a comment (text.size() if none).
size_t SkipJsoncSpace(const std::string& text, size_t pos);

}  // namespace wfgen
