// YAML scalar types, resolved as weasel's YAML library (ruamel, YAML 1.2
// core schema) resolves them, and rendered as weasel renders a value that
// is interpolated into a string: `true`, `-1`, `0.25`, `[5000,2500]`.
#pragma once

#include <cstdint>
#include <string>

#include "generator/project/yaml_tree.h"

namespace wfgen {

enum class ScalarType { kNull, kBool, kInt, kFloat, kString };

// The type of a scalar or null node. Quoted and block scalars are strings;
// dates stay strings (weasel cannot serialize them anyway).
ScalarType ResolveScalar(const YNode& node);

bool ScalarAsBool(const YNode& node, bool* out);
// Decimal, 0x, 0o and 0b forms with `_` separators; false if out of range.
bool ScalarAsInt(const YNode& node, int64_t* out);

// Python's repr() of a float: the shortest string that reads back as the
// same double, `1.0` for integral values, exponent form below 1e-4 and from
// 1e16 on (`1e-07`, `1e+16`).
std::string PythonFloatRepr(double value);

// The text that replaces a reference to `node` inside a longer string.
// Strings are inserted as they are; everything else as compact JSON.
// Mappings cannot be inserted (weasel: "can't reference whole sections").
bool RenderForString(const YNode& node, std::string* out, std::string* err);

// A command-line override value: JSON if it parses as JSON (so 5, true,
// [1,2] and "x" keep their types), else the raw text as a string.
YNodePtr ParseOverrideValue(const std::string& text);

}  // namespace wfgen
