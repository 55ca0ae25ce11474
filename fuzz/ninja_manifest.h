// A strict reader for the Ninja files wfgen writes, for tests and the
// fuzzer: it turns the text back into statements and paths (unescaped), so
// a test can compare the graph with what project.yml declares.
//
// It accepts the subset of Ninja's grammar (ninja's lexer.in.cc,
// manifest_parser.cc) that wfgen emits and rejects, with the line number,
// anything that would let text escape its place: a line continuation
// (`$` + newline), an undefined escape, a variable reference where wfgen
// writes only literal text (paths, and the values of build bindings).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace wfgen {
namespace manifest {

struct Binding {
  std::string key;
  std::string value;  // unescaped; `$name` references kept as written in rules
};

struct Build {
  int line = 0;
  std::vector<std::string> outputs, implicit_outputs;
  std::string rule;
  std::vector<std::string> inputs, implicit, order_only;
  std::vector<Binding> bindings;  // unescaped literal values
  std::string Get(const std::string& key) const;
};

struct Rule {
  std::string name;
  std::vector<Binding> bindings;  // as written (Ninja syntax)
};

struct Manifest {
  std::vector<std::pair<std::string, std::string>> variables;  // top level, unescaped
  std::vector<Rule> rules;
  std::vector<std::pair<std::string, int>> pools;
  std::vector<Build> builds;
  std::vector<std::string> defaults;
};

// False with *err ("line N: why") if `text` is not in the accepted subset.
bool Parse(const std::string& text, Manifest* out, std::string* err);

// Ninja's path normalisation (CanonicalizePath): "./a", "a/", "a//b" and
// "x/../a" are all "a". Two outputs with the same canonical form are the
// same node to Ninja.
std::string Canonical(const std::string& path);

}  // namespace manifest
}  // namespace wfgen
