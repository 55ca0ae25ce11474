// Reading one typed field of project.yml (a string, a path, a list, a
// flag, a count) with its interpolation, and reporting at the field's line
// and column what it must be instead. The loader says which field; this
// says what is wrong with it, the same way for every field.
#pragma once

#include <string>
#include <vector>

#include "generator/project/diagnostic.h"
#include "generator/project/interpolate.h"
#include "generator/project/project.h"
#include "generator/project/yaml_tree.h"

namespace wfgen {

class FieldReader {
 public:
  FieldReader(Interpolator* interp, Diagnostics* diag) : interp_(interp), diag_(diag) {}

  // `what` names the field in messages: "the deps of command 'train'".
  bool ExpectMap(const YNodePtr& node, const std::string& what);
  bool ExpectList(const YNodePtr& node, const std::string& what);
  // A string, as weasel's schema wants it (a YAML number or boolean is an
  // error, with a note to quote it), interpolated and rendered.
  bool ReadString(const YNodePtr& node, const std::string& what, Text* out);
  // Absent or null leaves *out as it is.
  bool ReadOptionalString(const YNodePtr& node, const std::string& what, std::string* out);
  bool ReadStringList(const YNodePtr& node, const std::string& what, std::vector<Text>* out);
  // A string that Ninja can express as a path (names.h).
  bool ReadPath(const YNodePtr& node, const std::string& what, Text* out);
  bool ReadPathList(const YNodePtr& node, const std::string& what, std::vector<Text>* out);
  bool ReadBool(const YNodePtr& node, const std::string& what, bool* out);
  // 1 to 100000.
  bool ReadPositiveInt(const YNodePtr& node, const std::string& what, int* out);

 private:
  bool ReadList(const YNodePtr& node, const std::string& what,
                bool (FieldReader::*read_item)(const YNodePtr&, const std::string&, Text*),
                std::vector<Text>* out);

  Interpolator* interp_;
  Diagnostics* diag_;
};

}  // namespace wfgen
