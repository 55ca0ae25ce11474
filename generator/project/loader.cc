// The top level of project.yml: Load reads the sections in order (the
// parts are in files by idea, loader_impl.h), wfgen's top-level keys, and
// Validate checks what spans sections: names, pools, workflow steps.
#include "generator/project/loader.h"

#include <cstdlib>
#include <map>
#include <set>

#include "generator/project/loader_impl.h"
#include "generator/project/remotes_loader.h"
#include "generator/project/retries_field.h"
#include "generator/project/scalar.h"
#include "generator/project/yaml_tree.h"

namespace wfgen {

void Loader::LoadExtensions(const YNodePtr& root, Project* p) {
  if (YNodePtr m = FindChild(root, "max_parallel_processes")) {
    int n = 0;
    if (!m->is_null() && fields_.ReadPositiveInt(m, "max_parallel_processes", &n))
      p->max_parallel_processes = n;
  }
  if (YNodePtr pools = FindChild(root, "pools")) {
    if (!pools->is_null() && fields_.ExpectMap(pools, "pools")) {
      for (auto& [k, v] : pools->entries) {
        int depth = 0;
        if (fields_.ReadPositiveInt(v, "the depth of pool '" + k->text + "'", &depth)) {
          if (k->text.empty() ||
              k->text.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                        "0123456789_-") != std::string::npos) {
            diag_->Error(k->loc, "pool name '" + k->text +
                                     "' may contain only letters, digits, '_' and '-'");
          } else if (k->text == "console") {
            diag_->Error(k->loc, "'console' is Ninja's own pool; choose another name");
          }
          p->pools[k->text] = depth;
        }
      }
    }
  }
  if (YNodePtr m = FindChild(root, "max_parallel_downloads")) {
    int n = 0;
    if (!m->is_null() && fields_.ReadPositiveInt(m, "max_parallel_downloads", &n))
      p->max_parallel_downloads = n;
  }
  fields_.ReadBool(FindChild(root, "fetch_assets"), "fetch_assets", &p->fetch_assets);
  if (YNodePtr g = FindChild(root, "kill_grace")) {
    YNodePtr r = interp_->Resolve(g, diag_);
    ScalarType t = r ? ResolveScalar(*r) : ScalarType::kString;
    double seconds = r && r->is_scalar() ? strtod(r->text.c_str(), nullptr) : -1;
    if (!r || (t != ScalarType::kInt && t != ScalarType::kFloat) || seconds < 0 || seconds > 3600) {
      diag_->Error(g->loc,
                   "kill_grace is the number of seconds (0 to 3600) between SIGTERM and "
                   "SIGKILL when a step is stopped");
    } else {
      p->kill_grace_ms = static_cast<int64_t>(seconds * 1000);
    }
  }
  if (YNodePtr l = FindChild(root, "launcher")) {
    Text t;
    if (fields_.ReadString(l, "launcher", &t)) {
      if (t.value != "local" && t.value != "slurm") {
        diag_->Error(l->loc, "unknown launcher '" + t.value + "'; use local or slurm");
      }
      p->launcher = t.value;
    }
  }
  if (YNodePtr r = FindChild(root, "retries")) {
    if (!r->is_null()) ReadRetries(r, "retries", interp_, diag_, &p->retries);
  }
}

void Loader::Validate(Project* p) {
  std::map<std::string, const Command*> by_name;
  std::vector<std::string> names;
  for (const Command& c : p->commands) {
    if (c.name.value.empty()) continue;
    auto [it, fresh] = by_name.emplace(c.name.value, &c);
    if (!fresh) {
      diag_->Error(c.name.loc, "duplicate command name '" + c.name.value + "'")
          .notes.push_back("first defined at line " + std::to_string(it->second->name.loc.line));
    } else {
      names.push_back(c.name.value);
    }
    if (!c.pool.empty() && !p->pools.count(c.pool)) {
      Diagnostic& d = diag_->Error(
          c.loc, "command '" + c.name.value + "' uses pool '" + c.pool + "', which is not defined");
      d.notes.push_back("define it at the top level: `pools: {" + c.pool + ": 1}`");
    }
  }
  std::set<std::string> workflow_names;
  for (const Workflow& w : p->workflows) {
    workflow_names.insert(w.name.value);
    if (by_name.count(w.name.value)) {
      diag_->Error(w.name.loc, "workflow '" + w.name.value + "' has the same name as a command")
          .notes.push_back("`run " + w.name.value +
                           "` would be ambiguous; rename the workflow or the command");
    }
    for (const WorkflowStep& s : w.steps) {
      for (const Text& name : s.commands) {
        if (by_name.count(name.value)) continue;
        Diagnostic& d = diag_->Error(
            name.loc, "unknown command '" + name.value + "' in workflow '" + w.name.value + "'");
        if (diag_->Dropped(d)) continue;
        std::string close = ClosestMatch(name.value, names);
        if (!close.empty()) d.notes.push_back("did you mean '" + close + "'?");
        if (p->FindWorkflow(name.value)) {
          d.notes.push_back("'" + name.value + "' is a workflow; a workflow lists commands only");
        }
      }
    }
  }
}

void Loader::Load(const YNodePtr& root, Project* p) {
  if (!root->is_map()) {
    diag_->Error(root->loc,
                 "project.yml must be a mapping with `commands:` and `workflows:`, "
                 "not " +
                     root->KindName());
    return;
  }
  for (auto& [k, v] : root->entries) {
    const std::string& key = k->text;
    bool known = false;
    for (const std::string& kk : KnownTopLevelKeys()) known |= kk == key;
    if (known) continue;
    // Unknown keys are ignored, as weasel ignores them (spacy_version,
    // check_requirements, ...), except for a likely typo of a key that matters.
    std::string close = ClosestMatch(key, KnownTopLevelKeys());
    if (!close.empty()) {
      diag_->Warning(k->loc, "unknown key '" + key + "' is ignored")
          .notes.push_back("did you mean '" + close + "'?");
    }
  }
  if (YNodePtr t = FindChild(root, "title")) {
    YNodePtr r = interp_->Resolve(t, diag_);
    std::string err;
    if (r && !r->is_null()) RenderForString(*r, &p->title, &err);
  }
  if (YNodePtr d = FindChild(root, "description")) {
    YNodePtr r = interp_->Resolve(d, diag_);
    std::string err;
    if (r && !r->is_null()) RenderForString(*r, &p->description, &err);
  }
  if (YNodePtr v = FindChild(root, "vars")) {
    if (!v->is_null()) fields_.ExpectMap(v, "vars");
  }
  if (YNodePtr e = FindChild(root, "env")) {
    if (!e->is_null() && fields_.ExpectMap(e, "env")) {
      for (auto& [k, v] : e->entries) {
        if (!v->is_scalar()) {
          diag_->Error(v->loc, "env." + k->text + " must name an environment variable");
        }
      }
    }
  }
  fields_.ReadPathList(FindChild(root, "directories"), "directories", &p->directories);
  if (YNodePtr a = FindChild(root, "assets")) {
    if (!a->is_null()) LoadAssets(a, p);
  }
  LoadExtensions(root, p);
  LoadRemotes(root, &fields_, diag_, p);
  if (YNodePtr cmds = FindChild(root, "commands")) {
    if (!cmds->is_null() && fields_.ExpectList(cmds, "commands")) {
      for (const YNodePtr& item : cmds->items) {
        Command c;
        LoadCommand(item, &c);
        p->commands.push_back(std::move(c));
      }
    }
  }
  if (YNodePtr w = FindChild(root, "workflows")) {
    if (!w->is_null()) LoadWorkflows(w, p);
  }
  // A project of assets only is valid (weasel accepts it): `ninja assets`.
  if (!FindChild(root, "commands") && !FindChild(root, "workflows") && p->assets.empty()) {
    diag_->Error(root->loc, "no commands or workflows defined; add a `commands:` list");
  }
  Validate(p);
}

const std::vector<std::string>& KnownTopLevelKeys() {
  static const std::vector<std::string> keys = {
      "title", "description", "vars", "env", "directories", "assets", "commands", "workflows",
      // wfgen extensions
      "max_parallel_processes", "pools", "kill_grace", "launcher", "retries",
      "max_parallel_downloads", "fetch_assets", "remotes", "remote_cache"};
  return keys;
}

static void CollectVarNames(const YNode* node, const std::string& prefix,
                            std::vector<std::string>* out) {
  if (!node || !node->is_map()) return;
  for (auto& [k, v] : node->entries) {
    out->push_back(prefix + "." + k->text);
    CollectVarNames(v.get(), prefix + "." + k->text, out);
  }
}

bool LoadProject(const std::string& text, const LoadOptions& options, LoadResult* result,
                 Diagnostics* diag) {
  YNodePtr root;
  if (!ParseYaml(text, YamlLimits(), &root, diag)) return false;
  GetEnv getenv_fn = options.getenv;
  if (!getenv_fn) getenv_fn = [](const std::string& n) { return getenv(n.c_str()); };
  YNodePtr vars = root->is_map() ? FindChild(root, "vars") : nullptr;
  YNodePtr env = root->is_map() ? FindChild(root, "env") : nullptr;
  Interpolator interp(vars, env, options.overrides, getenv_fn);
  Loader loader(&interp, diag);
  result->project = Project();
  loader.Load(root, &result->project);
  result->env_read = interp.env_read();
  result->var_names.clear();
  CollectVarNames(vars.get(), "vars", &result->var_names);
  return !diag->has_errors();
}

}  // namespace wfgen
