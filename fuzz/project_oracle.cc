#include "fuzz/project_oracle.h"

#include <map>
#include <set>
#include <sstream>

#include "fuzz/ninja_manifest.h"
#include "generator/ninja/emit.h"
#include "generator/ninja/plan.h"
#include "generator/project/loader.h"
#include "runtime/state/asset_spec.h"
#include "runtime/state/group.h"
#include "runtime/state/step_spec.h"

namespace wfgen {
namespace {

const char kProjectFile[] = "project.yml";
const char kBuildFile[] = "build.ninja";
const char kBuildDir[] = "/p";
const char kWfgen[] = "/usr/bin/wfgen";

// Environment values that try every trick a value can play on a path, a
// name, a script line or the Ninja file. Picked by the variable's name, so
// the fuzzer reaches each of them through `env:`.
const char* FakeEnv(const std::string& name) {
  // clang-format off
  static const char* const kValues[] = {
      nullptr,     "",           "plain",      "with space", "$dollar", "a:colon",
      "pi|pe",     "x\nbuild evil: phony", "${vars.x}", "ünï",     "-1",   "[1, 2]",
      "../up",     "/abs/path",  ".wfgen/always", "build.ninja", "#hash", "a\rb"};
  // clang-format on
  size_t h = 0;
  for (char c : name) h = h * 31 + static_cast<unsigned char>(c);
  return kValues[h % (sizeof kValues / sizeof kValues[0])];
}

bool StartsWith(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

bool ShellSafe(const std::string& value, bool spaces) {
  for (char c : value) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '.' || c == '/' || c == '%' || c == ':' || c == '-' ||
              (spaces && c == ' ');
    if (!ok) return false;
  }
  return true;
}

// Every line of rendered diagnostics is a header, or indented context.
std::string CheckDiagnostics(const std::string& rendered, const std::string& text,
                             bool want_error) {
  int lines = 1;
  for (char c : text) lines += c == '\n';
  bool saw_error = false;
  std::istringstream in(rendered);
  std::string line;
  while (std::getline(in, line)) {
    if (StartsWith(line, "  ")) continue;
    if (StartsWith(line, "wfgen: ") && line.find(" not shown") != std::string::npos) continue;
    std::string rest;
    if (StartsWith(line, std::string(kProjectFile) + ": ")) {
      rest = line.substr(sizeof kProjectFile + 1);
    } else if (StartsWith(line, std::string(kProjectFile) + ":")) {
      int l = 0, c = 0, used = 0;
      if (sscanf(line.c_str() + sizeof kProjectFile, "%d:%d: %n", &l, &c, &used) != 2 ||
          used == 0) {
        return "diagnostic line without LINE:COL: " + line;
      }
      if (l < 1 || l > lines || c < 1) return "diagnostic position outside the file: " + line;
      rest = line.substr(sizeof kProjectFile + static_cast<size_t>(used));
    } else {
      return "a line of diagnostics that is neither a header nor indented: " + line;
    }
    if (StartsWith(rest, "error: ")) {
      saw_error = true;
    } else if (!StartsWith(rest, "warning: ")) {
      return "diagnostic without severity: " + line;
    }
  }
  if (want_error && !saw_error) return "loading failed without an error message";
  if (!want_error && saw_error) return "an error was rendered but loading succeeded";
  return "";
}

class GraphCheck {
 public:
  GraphCheck(const Project& p, const BuildPlan& plan, const EmitResult& e)
      : p_(p), plan_(plan), e_(e) {}

  std::string Run();

 private:
  std::string Node(const std::string& path) const {
    std::string c = manifest::Canonical(path);
    if (targets_.count(c) || asset_aliases_.count(c) || output_aliases_.count(c) ||
        c == kBuildFile || c == ".wfgen" || StartsWith(c, ".wfgen/")) {
      c = manifest::Canonical(std::string(kBuildDir) + "/" + c);
    }
    return c;
  }
  std::string CheckSpecs() const;

  const Project& p_;
  const BuildPlan& plan_;
  const EmitResult& e_;
  std::set<std::string> targets_;
  std::set<std::string> asset_aliases_;  // `assets`, `assets-extra` when there are assets
  std::set<std::string> output_aliases_;  // `out/PATH` for the outputs of workflow `all`
};

std::string GraphCheck::Run() {
  for (const Workflow& w : p_.workflows) targets_.insert(w.name.value);
  for (const Command& c : p_.commands) targets_.insert(c.name.value);
  if (targets_.size() != p_.workflows.size() + p_.commands.size()) {
    return "a workflow and a command (or two of either) share a name, yet loading succeeded";
  }
  for (const std::string& t : targets_) {
    if (manifest::Canonical(t) != t) return "target name Ninja would normalise: " + t;
  }

  manifest::Manifest m;
  std::string err;
  if (!manifest::Parse(e_.ninja, &m, &err)) return "the Ninja file does not parse: " + err;

  // `out/PATH` for each project-relative output of a command that workflow
  // `all` runs (generator/ninja/output_alias.h), unless a target has the name.
  if (const Workflow* all = p_.FindWorkflow("all")) {
    for (const WorkflowStep& step : all->steps) {
      for (const Text& name : step.commands) {
        const Command* c = p_.FindCommand(name.value);
        if (!c) return "workflow all names an unknown command, yet loading succeeded";
        for (auto* list : {&c->outputs, &c->outputs_no_cache}) {
          for (const Text& t : *list) {
            std::string o = manifest::Canonical(t.value);
            if (o.empty() || o[0] == '/' || o == "." || o == ".." || StartsWith(o, "../")) continue;
            if (!targets_.count("out/" + o)) output_aliases_.insert("out/" + o);
          }
        }
      }
    }
  }

  // What the project declares.
  size_t expected_steps = p_.commands.size();
  for (const Workflow& w : p_.workflows) {
    for (const WorkflowStep& s : w.steps) expected_steps += s.commands.size();
  }
  if (plan_.steps.size() != expected_steps) return "the plan has a wrong number of steps";
  std::set<std::string> expected = {kBuildFile};
  bool always = false;
  for (const Command& c : p_.commands) {
    for (auto* list : {&c.deps, &c.outputs, &c.outputs_no_cache}) {
      for (const Text& t : *list) expected.insert(Node(t.value));
    }
    if ((c.outputs.empty() && c.outputs_no_cache.empty()) || c.no_skip) always = true;
  }
  // Assets (generator/ninja/emit_assets.h): an edge per fetched asset, the
  // two internal targets and their aliases unless a command or workflow
  // has the name.
  if (!plan_.assets.empty()) {
    for (const char* alias : {"assets", "assets-extra"}) {
      if (!targets_.count(alias)) expected.insert(alias);
      asset_aliases_.insert(alias);
    }
    expected.insert(".wfgen/targets/assets");
    expected.insert(".wfgen/targets/assets-extra");
    for (const PlanAsset& a : plan_.assets) {
      if (p_.fetch_assets) {
        expected.insert(Node(a.dest));
      } else {
        expected.insert(".wfgen/assets/" + a.key + ".checked");
        always = true;
      }
    }
  }
  if (always) expected.insert(".wfgen/always");
  if (!p_.FindWorkflow("all")) expected.insert(".wfgen/list");
  std::set<std::string> keys;
  for (const PlanStep& s : plan_.steps) {
    if (!keys.insert(s.key).second) return "two steps share the key " + s.key;
    expected.insert(".wfgen/stamps/" + s.key);
    if (s.group >= 0) expected.insert(".wfgen/ran/" + s.key);
  }
  for (const PlanGroup& g : plan_.groups) expected.insert(".wfgen/stamps/" + g.key);
  for (const std::string& t : targets_) expected.insert(t);
  expected.insert(output_aliases_.begin(), output_aliases_.end());

  // What the Ninja file says.
  std::set<std::string> produced, canonical;
  std::map<std::string, const manifest::Build*> by_output;
  static const std::set<std::string> kRules = {
      "phony",        "wfgen_regen", "wfgen_step", "wfgen_step_alone",
      "wfgen_replay", "wfgen_list",  "wfgen_asset"};
  static const std::set<std::string> kKeys = {"args", "spec",  "hash", "depfile",
                                              "desc", "group", "pool"};
  for (const manifest::Build& b : m.builds) {
    if (!kRules.count(b.rule)) return "unexpected rule " + b.rule;
    for (auto* list : {&b.outputs, &b.implicit_outputs}) {
      for (const std::string& o : *list) {
        if (!canonical.insert(manifest::Canonical(o)).second) {
          return "two edges produce " + o + " (line " + std::to_string(b.line) + ")";
        }
        produced.insert(o);
        by_output[o] = &b;
      }
    }
    for (const manifest::Binding& kv : b.bindings) {
      if (!kKeys.count(kv.key)) return "unexpected binding " + kv.key;
      if (kv.key == "desc" || kv.key == "pool") continue;
      if (!ShellSafe(kv.value, kv.key == "args")) {
        return "$" + kv.key + " is pasted into a shell command but holds '" + kv.value + "'";
      }
    }
  }
  if (produced != expected) {
    for (const std::string& x : expected) {
      if (!produced.count(x)) return "declared but not in the Ninja file: " + x;
    }
    for (const std::string& x : produced) {
      if (!expected.count(x)) return "in the Ninja file but not declared: " + x;
    }
  }
  for (const manifest::Build& b : m.builds) {
    for (auto* list : {&b.inputs, &b.implicit, &b.order_only}) {
      for (const std::string& in : *list) {
        // Asset specs are files the generator writes, like step specs.
        bool spec = StartsWith(in, ".wfgen/assets/") && e_.files.count(in);
        if (spec || produced.count(in) || in == kWfgen || in == kProjectFile ||
            in == std::string(kBuildDir) + "/" + kProjectFile) {
          continue;
        }
        return "edge at line " + std::to_string(b.line) + " reads an undeclared node " + in;
      }
    }
  }
  for (const std::string& t : targets_) {
    const manifest::Build* b = by_output[t];
    if (!b || b->rule != "phony" || b->outputs.size() != 1 || !b->implicit_outputs.empty()) {
      return "no phony target for " + t;
    }
    for (const std::string& in : b->inputs) {
      if (!StartsWith(in, ".wfgen/stamps/")) return "target " + t + " depends on " + in;
    }
  }
  for (const std::string& a : output_aliases_) {
    const manifest::Build* b = by_output[a];
    if (!b || b->rule != "phony" || b->inputs.empty()) return "no phony alias for " + a;
    for (const std::string& in : b->inputs) {
      if (!StartsWith(in, ".wfgen/stamps/workflows/")) return "alias " + a + " depends on " + in;
    }
  }
  return CheckSpecs();
}

std::string GraphCheck::CheckSpecs() const {
  size_t files = 0;
  for (const Command& c : p_.commands) {
    auto it = e_.files.find(".wfgen/steps/" + FileSafeName(c.name.value) + ".step");
    if (it == e_.files.end()) return "no step file for " + c.name.value;
    ++files;
    StepSpec spec;
    std::string err;
    if (!ParseStepSpec(it->second, &spec, &err)) return "step file does not parse: " + err;
    auto values = [](const std::vector<Text>& v) {
      std::vector<std::string> out;
      for (const Text& t : v) out.push_back(t.value);
      return out;
    };
    if (spec.name != c.name.value || spec.script != values(c.script) ||
        spec.deps != values(c.deps) || spec.outputs != values(c.outputs) ||
        spec.outputs_no_cache != values(c.outputs_no_cache) || spec.shell != c.shell ||
        spec.no_skip != c.no_skip) {
      return "step file of " + c.name.value + " does not read back as loaded";
    }
  }
  for (const PlanGroup& g : plan_.groups) {
    auto it = e_.files.find(".wfgen/groups/" + g.key);
    if (it == e_.files.end()) return "no group file for " + g.key;
    ++files;
    GroupSpec spec;
    std::string err;
    if (!ParseGroupSpec(it->second, &spec, &err)) return "group file does not parse: " + err;
    const Workflow* w = p_.FindWorkflow(g.workflow);
    const WorkflowStep& step = w->steps[static_cast<size_t>(g.position - 1)];
    std::vector<std::string> members;
    for (const Text& t : step.commands) members.push_back(t.value);
    if (spec.members != members) return "group file " + g.key + " lists other members";
  }
  for (const PlanAsset& a : plan_.assets) {
    auto it = e_.files.find(".wfgen/assets/" + a.key + ".asset");
    if (it == e_.files.end()) return "no asset spec for " + a.dest;
    ++files;
    AssetSpec spec;
    std::string err;
    if (!ParseAssetSpec(it->second, &spec, &err)) return "asset spec does not parse: " + err;
    if (!ValidateAssetSpec(spec, &err))
      return "the loader accepted an asset wfgen-transfer refuses: " + err;
  }
  if (files != e_.files.size()) return "unexpected files beside the step and group files";
  return "";
}

}  // namespace

std::string CheckProjectText(const std::string& text, std::string* ninja) {
  if (ninja) ninja->clear();
  LoadOptions options;
  options.getenv = FakeEnv;
  LoadResult loaded;
  Diagnostics diag;
  bool ok = LoadProject(text, options, &loaded, &diag);
  std::string rendered = diag.Render(kProjectFile, text);
  if (ok == diag.has_errors()) return "LoadProject's result disagrees with its diagnostics";
  if (std::string why = CheckDiagnostics(rendered, text, !ok); !why.empty()) return why;
  if (!ok) return "";

  PlanOptions plan_options;
  plan_options.cpus = 2;
  BuildPlan plan = MakePlan(loaded.project, plan_options);
  if (plan.too_large) return "";  // refused with a diagnostic by the driver
  EmitOptions emit = OracleEmitOptions();
  emit.env_read = loaded.env_read;
  EmitResult result = Emit(loaded.project, plan, emit);
  if (ninja) *ninja = result.ninja;
  return CheckGenerated(loaded.project, plan, result);
}

EmitOptions OracleEmitOptions() {
  EmitOptions emit;
  emit.project_file = kProjectFile;
  emit.build_file = kBuildFile;
  emit.build_dir_abs = kBuildDir;
  emit.wfgen = kWfgen;
  emit.wfgen_run = "/usr/bin/wfgen-run";
  return emit;
}

std::string CheckGenerated(const Project& project, const BuildPlan& plan,
                           const EmitResult& result) {
  return GraphCheck(project, plan, result).Run();
}

}  // namespace wfgen
