// `${vars.a.b}` and `${env.NAME}` interpolation, weasel's way:
// - A string that is exactly one reference takes the referenced value with
//   its type (`- ${vars.rows}` stays a list, `no_skip: ${vars.x}` a bool).
// - Inside a longer string, values are rendered as weasel renders them
//   (scalar.h: `true`, `-1`, `0.25`, `[5000,2500]`).
// - Vars may refer to other vars; cycles are reported.
// - `--vars.a.b=value` overrides win over the file and may add new vars.
// - `${env.KEY}` reads the environment variable that `env: {KEY: NAME}`
//   names (empty when unset), as weasel does.
// - `$${` is a literal `${`; any other `$` is literal text.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "generator/project/diagnostic.h"
#include "generator/project/yaml_tree.h"

namespace wfgen {

struct Override {
  std::vector<std::string> path;  // {"vars", "a", "b"}
  YNodePtr value;
  std::string arg;  // as given, for the regeneration command line
};

// Reads "--vars.a.b=value" (or "--vars.a.b value", or a bare flag meaning
// true) at args[*i]. Advances *i past what it used. False with *err for an
// argument that is not an override.
bool ParseOverrideArg(const std::vector<std::string>& args, size_t* i, Override* out,
                      std::string* err);

using GetEnv = std::function<const char*(const std::string&)>;

class Interpolator {
 public:
  static constexpr size_t kMaxProduced = 64u << 20;

  Interpolator(YNodePtr vars, YNodePtr env_section, std::vector<Override> overrides, GetEnv getenv);

  // The node with references resolved (see the file comment). Non-scalar
  // nodes are returned as they are; their items are resolved when read.
  // Null (after reporting) on an error.
  YNodePtr Resolve(const YNodePtr& node, Diagnostics* diag);

  // Environment values that were read, by variable name: generation
  // depends on them.
  const std::map<std::string, std::string>& env_read() const { return env_read_; }

 private:
  YNodePtr Lookup(const std::string& ref, const YNode& at, size_t offset, Diagnostics* diag);
  YNodePtr FindVar(const std::vector<std::string>& path) const;
  YNodePtr DeepResolve(const YNodePtr& node, Diagnostics* diag, int depth);
  std::vector<std::string> VarNames() const;

  YNodePtr vars_;
  YNodePtr env_section_;
  std::vector<Override> overrides_;
  GetEnv getenv_;
  // Refuses (with an error at `at`) once interpolation has produced more
  // than kMaxProduced bytes in all: vars that refer to vars can double a
  // string at each step ("billion laughs" without YAML aliases).
  bool Spend(size_t bytes, Loc at, Diagnostics* diag);

  std::map<std::string, YNodePtr> memo_;
  size_t produced_ = 0;
  bool over_budget_ = false;
  std::set<std::string> in_progress_;
  std::map<std::string, std::string> env_read_;
};

}  // namespace wfgen
