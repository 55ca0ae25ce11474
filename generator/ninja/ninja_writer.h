// Small value types for Ninja statements, rendered to text.
//
// Callers fill in raw (unescaped) paths and values; the writer escapes them
// (escape.h). Rule bodies are the exception: they are Ninja syntax ($in,
// $out, $var) and are written as given. Every statement is self-contained
// and written in the order given, so the output is deterministic and tests
// compare it as exact text.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace wfgen {

using NinjaBindings = std::vector<std::pair<std::string, std::string>>;

struct NinjaRule {
  std::string name;
  NinjaBindings bindings;  // verbatim Ninja syntax
};

struct NinjaPool {
  std::string name;
  int depth = 1;
};

struct NinjaBuild {
  std::vector<std::string> outputs;
  std::vector<std::string> implicit_outputs;
  std::string rule;
  std::vector<std::string> inputs;
  std::vector<std::string> implicit;
  std::vector<std::string> order_only;
  NinjaBindings bindings;  // raw values, escaped by the writer
  std::string pool;
};

class NinjaWriter {
 public:
  explicit NinjaWriter(std::string* out) : out_(out) {}

  void Comment(const std::string& text);  // one "# " line per text line
  void Blank();
  void Variable(const std::string& name, const std::string& raw_value);
  void Pool(const NinjaPool& pool);
  void Rule(const NinjaRule& rule);
  void Build(const NinjaBuild& build);
  void Default(const std::vector<std::string>& targets);

 private:
  std::string* out_;
};

}  // namespace wfgen
