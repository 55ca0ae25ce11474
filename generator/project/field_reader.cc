#include "generator/project/field_reader.h"

#include "generator/project/names.h"
#include "generator/project/scalar.h"

namespace wfgen {

bool FieldReader::ExpectMap(const YNodePtr& node, const std::string& what) {
  if (node->is_map()) return true;
  diag_->Error(node->loc, what + " must be a mapping (key: value lines), not " + node->KindName());
  return false;
}

// `parallel: a, b, c` is one string to YAML: suggest the flow list that
// holds the same items (a block list would need the lines below).
static std::string ListAdvice(const std::string& text) {
  std::string items;
  size_t start = 0;
  for (;;) {
    size_t comma = text.find(',', start);
    std::string item = text.substr(start, comma == std::string::npos ? comma : comma - start);
    size_t b = item.find_first_not_of(' '), e = item.find_last_not_of(' ');
    if (b != std::string::npos) items += (items.empty() ? "" : ", ") + item.substr(b, e - b + 1);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return "write it as a list: `[" + items + "]`, or one `- ITEM` line per item below it";
}

bool FieldReader::ExpectList(const YNodePtr& node, const std::string& what) {
  if (node->is_seq()) return true;
  Diagnostic& d = diag_->Error(node->loc, what + " must be a list, not " + node->KindName());
  if (node->is_scalar()) d.notes.push_back(ListAdvice(node->text));
  return false;
}

bool FieldReader::ReadString(const YNodePtr& node, const std::string& what, Text* out) {
  out->loc = node->loc;
  if (!node->is_scalar()) {
    diag_->Error(node->loc, what + " must be a string, not " + node->KindName());
    return false;
  }
  // weasel's schema wants real strings here (pydantic StrictStr).
  ScalarType type = ResolveScalar(*node);
  if (type != ScalarType::kString) {
    const char* kind = type == ScalarType::kBool   ? "a boolean"
                       : type == ScalarType::kNull ? "null"
                                                   : "a number";
    diag_
        ->Error(node->loc, what + " must be a string, but YAML reads " + node->text + " as " + kind)
        .notes.push_back("quote it: \"" + node->text + "\"");
    return false;
  }
  YNodePtr r = interp_->Resolve(node, diag_);
  if (!r) return false;
  if (r->is_seq() || r->is_map()) {
    diag_->Error(node->loc, what + " must be a string, but " + node->text + " is " + r->KindName());
    return false;
  }
  std::string err;
  out->value.clear();
  if (!RenderForString(*r, &out->value, &err)) {
    diag_->Error(node->loc, err);
    return false;
  }
  return true;
}

bool FieldReader::ReadOptionalString(const YNodePtr& node, const std::string& what,
                                     std::string* out) {
  if (!node || node->is_null()) return true;
  Text t;
  if (!ReadString(node, what, &t)) return false;
  *out = t.value;
  return true;
}

bool FieldReader::ReadList(const YNodePtr& node, const std::string& what,
                           bool (FieldReader::*read_item)(const YNodePtr&, const std::string&,
                                                          Text*),
                           std::vector<Text>* out) {
  if (!node || node->is_null()) return true;
  if (!ExpectList(node, what)) return false;
  bool ok = true;
  for (const YNodePtr& item : node->items) {
    Text t;
    if ((this->*read_item)(item, "each entry of " + what, &t)) {
      out->push_back(std::move(t));
    } else {
      ok = false;
    }
  }
  return ok;
}

bool FieldReader::ReadStringList(const YNodePtr& node, const std::string& what,
                                 std::vector<Text>* out) {
  return ReadList(node, what, &FieldReader::ReadString, out);
}

bool FieldReader::ReadPath(const YNodePtr& node, const std::string& what, Text* out) {
  if (!ReadString(node, what, out)) return false;
  if (out->value.empty()) {
    diag_->Error(node->loc, what + " is an empty path");
    return false;
  }
  if (const char* bad = ForbiddenChar(out->value)) {
    diag_->Error(node->loc, what + " '" + out->value + "' contains " + bad +
                                ", which a Ninja file cannot express; rename the file");
    return false;
  }
  return true;
}

bool FieldReader::ReadPathList(const YNodePtr& node, const std::string& what,
                               std::vector<Text>* out) {
  return ReadList(node, what, &FieldReader::ReadPath, out);
}

bool FieldReader::ReadBool(const YNodePtr& node, const std::string& what, bool* out) {
  if (!node || node->is_null()) return true;
  YNodePtr r = interp_->Resolve(node, diag_);
  if (!r) return false;
  if (!ScalarAsBool(*r, out)) {
    diag_->Error(node->loc, what + " must be true or false, not " +
                                (node->is_scalar() ? "'" + node->text + "'" : node->KindName()));
    return false;
  }
  return true;
}

bool FieldReader::ReadPositiveInt(const YNodePtr& node, const std::string& what, int* out) {
  YNodePtr r = interp_->Resolve(node, diag_);
  if (!r) return false;
  int64_t v = 0;
  if (!ScalarAsInt(*r, &v) || v < 1 || v > 100000) {
    diag_->Error(node->loc, what + " must be a whole number from 1 to 100000, not " +
                                (r->is_scalar() ? "'" + r->text + "'" : r->KindName()));
    return false;
  }
  *out = static_cast<int>(v);
  return true;
}

}  // namespace wfgen
