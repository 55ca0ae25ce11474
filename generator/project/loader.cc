#include "generator/project/loader.h"

#include <cctype>
#include <cstdlib>
#include <cstring>
#include <set>

#include "generator/project/field_reader.h"
#include "generator/project/names.h"
#include "generator/project/retries_field.h"
#include "generator/project/remotes_loader.h"
#include "generator/project/scalar.h"
#include "generator/project/yaml_tree.h"
#include "runtime/base/disk.h"
#include "runtime/base/paths.h"
#include "runtime/state/asset_url.h"

namespace wfgen {
namespace {

const std::vector<std::string> kCommandKeys = {"name", "help", "script", "deps", "outputs",
                                               "outputs_no_cache", "no_skip",
                                               // wfgen extensions
                                               "shell", "pool", "launcher", "resources", "retries"};

const std::vector<std::string> kResourceKeys = {"cpus", "mem",       "gpus",
                                                "time", "partition", "extra"};

class Loader {
 public:
  Loader(Interpolator* interp, Diagnostics* diag)
      : fields_(interp, diag), interp_(interp), diag_(diag) {}

  void Load(const YNodePtr& root, Project* p);

 private:
  void LoadCommand(const YNodePtr& node, Command* c);
  void CheckCommandKeys(const YNodePtr& node);
  bool LoadCommandName(const YNodePtr& node, Command* c);
  void LoadCommandExtensions(const YNodePtr& node, const std::string& label, Command* c);
  void WarnShellLines(const YNodePtr& node, const std::string& label, const Command& c);
  void LoadResources(const YNodePtr& node, Resources* r);
  void LoadWorkflows(const YNodePtr& node, Project* p);
  void LoadAssets(const YNodePtr& node, Project* p);
  void LoadExtensions(const YNodePtr& root, Project* p);
  void Validate(Project* p);

  FieldReader fields_;
  Interpolator* interp_;
  Diagnostics* diag_;
};

namespace {

// As srun takes --mem: a number, optionally with a unit K, M, G or T.
bool IsSlurmSize(const std::string& v) {
  size_t digits = strspn(v.c_str(), "0123456789");
  return digits > 0 && (digits == v.size() ||
                        (digits + 1 == v.size() && strchr("KMGTkmgt", v.back()) != nullptr));
}

// As srun takes --time: M, M:S, H:M:S, D-H, D-H:M, D-H:M:S, or INFINITE.
bool IsSlurmTime(const std::string& v) {
  if (v == "INFINITE" || v == "UNLIMITED") return true;
  std::string rest = v;
  size_t dash = v.find('-');
  if (dash != std::string::npos) {
    if (dash == 0 || strspn(v.c_str(), "0123456789") != dash) return false;
    rest = v.substr(dash + 1);
  }
  int groups = 0;
  size_t start = 0;
  while (start <= rest.size()) {
    size_t end = rest.find(':', start);
    if (end == std::string::npos) end = rest.size();
    if (end == start || strspn(rest.c_str() + start, "0123456789") != end - start) return false;
    ++groups;
    start = end + 1;
  }
  return groups >= 1 && groups <= 3;
}

}  // namespace

void Loader::LoadResources(const YNodePtr& node, Resources* r) {
  if (!fields_.ExpectMap(node, "resources")) return;
  for (auto& [k, v] : node->entries) {
    const std::string& key = k->text;
    if (key == "extra") {
      std::vector<Text> extra;
      fields_.ReadStringList(v, "resources.extra", &extra);
      for (Text& t : extra) r->extra.push_back(t.value);
      continue;
    }
    std::string* slot = key == "cpus"        ? &r->cpus
                        : key == "mem"       ? &r->mem
                        : key == "gpus"      ? &r->gpus
                        : key == "time"      ? &r->time
                        : key == "partition" ? &r->partition
                                             : nullptr;
    if (!slot) {
      Diagnostic& d = diag_->Error(k->loc, "unknown resource '" + key + "'");
      std::string close = ClosestMatch(key, kResourceKeys);
      if (!close.empty()) d.notes.push_back("did you mean '" + close + "'?");
      d.notes.push_back("known resources: cpus, mem, gpus, time, partition, extra");
      continue;
    }
    YNodePtr val = interp_->Resolve(v, diag_);
    if (!val) continue;
    std::string err;
    if (!val->is_scalar() || !RenderForString(*val, slot, &err)) {
      diag_->Error(v->loc, "resources." + key + " must be a single value");
    }
  }
  // Validated here so that a project that runs locally today fails early,
  // not when it first meets the cluster.
  if (!r->cpus.empty() && strspn(r->cpus.c_str(), "0123456789") != r->cpus.size()) {
    diag_->Error(node->loc, "resources.cpus must be a whole number, not '" + r->cpus + "'");
  }
  if (!r->mem.empty() && !IsSlurmSize(r->mem)) {
    diag_->Error(node->loc,
                 "resources.mem must be a size like 16G (megabytes, or with K, M, G "
                 "or T), not '" +
                     r->mem + "'");
  }
  if (!r->time.empty() && !IsSlurmTime(r->time)) {
    diag_->Error(node->loc,
                 "resources.time must be a Slurm time like 90 (minutes), 02:00:00 or "
                 "1-12:00:00, not '" +
                     r->time + "'");
  }
  if (!r->gpus.empty() && r->gpus.find_first_not_of("0123456789") != std::string::npos &&
      r->gpus.find(':') == std::string::npos) {
    diag_->Error(node->loc, "resources.gpus must be a number or TYPE:COUNT, not '" + r->gpus + "'");
  }
}

void Loader::CheckCommandKeys(const YNodePtr& node) {
  for (auto& [k, v] : node->entries) {
    const std::string& key = k->text;
    bool known = false;
    for (const std::string& kk : kCommandKeys) known |= kk == key;
    if (!known) {
      Diagnostic& d = diag_->Error(k->loc, "unknown key '" + key + "' in a command");
      std::string close = ClosestMatch(key, kCommandKeys);
      if (!close.empty()) d.notes.push_back("did you mean '" + close + "'?");
      d.notes.push_back(
          "a command has: name, help, script, deps, outputs, outputs_no_cache, no_skip "
          "(and wfgen's shell, pool, launcher, resources, retries)");
    }
  }
}

// False when the command has no name at all (nothing else is read then).
bool Loader::LoadCommandName(const YNodePtr& node, Command* c) {
  YNodePtr name = FindChild(node, "name");
  if (!name) {
    diag_->Error(node->loc, "a command needs a `name`");
    return false;
  }
  if (fields_.ReadString(name, "a command's name", &c->name)) {
    std::string bad = BadName(c->name.value);
    if (c->name.value.empty()) {
      diag_->Error(name->loc, "a command's name cannot be empty");
    } else if (!bad.empty()) {
      diag_->Error(name->loc, "command name '" + c->name.value + "' " + bad);
    }
  }
  return true;
}

// wfgen's own keys, beyond weasel's: shell, pool, launcher, resources, retries.
void Loader::LoadCommandExtensions(const YNodePtr& node, const std::string& label, Command* c) {
  fields_.ReadBool(FindChild(node, "shell"), "shell of " + label, &c->shell);
  fields_.ReadOptionalString(FindChild(node, "pool"), "the pool of " + label, &c->pool);
  if (YNodePtr l = FindChild(node, "launcher")) {
    Text t;
    if (fields_.ReadString(l, "the launcher of " + label, &t)) {
      if (t.value != "local" && t.value != "slurm") {
        diag_->Error(l->loc, "unknown launcher '" + t.value + "'; use local or slurm");
      }
      c->launcher = t.value;
    }
  }
  if (YNodePtr r = FindChild(node, "resources")) {
    if (!r->is_null()) LoadResources(r, &c->resources);
  }
  if (YNodePtr r = FindChild(node, "retries")) {
    RetryPolicy policy;
    if (!r->is_null() && ReadRetries(r, "the retries of " + label, interp_, diag_, &policy)) {
      c->retries = policy;
    }
  }
}

// Script lines that look written for a shell, in a command that did not
// say `shell:`. An explicit `shell: false` says the lines are meant
// literally.
void Loader::WarnShellLines(const YNodePtr& node, const std::string& label, const Command& c) {
  if (c.shell || FindChild(node, "shell")) return;
  // Shown once per version of the script, not on every load: the key
  // hashes the command's name and script.
  std::string script = c.name.value;
  for (const Text& line : c.script) script += "\n" + line.value;
  std::string once = "shell " + HashBytes(script).Hex().substr(0, 16);
  for (const Text& line : c.script) {
    std::string what;
    if (LooksLikeShell(line.value, &what)) {
      Diagnostic& d = diag_->Warning(line.loc, "this line uses " + what +
                                                   " as if a shell ran it; wfgen, like weasel, "
                                                   "runs script lines without a shell, so it is "
                                                   "passed on literally");
      d.notes.push_back("add `shell: true` to " + label +
                        " to run its lines with /bin/sh, or `shell: false` to say they are "
                        "meant literally; this warning is shown once until the script changes");
      d.once = once;
    }
  }
}

void Loader::LoadCommand(const YNodePtr& node, Command* c) {
  c->loc = node->loc;
  if (!fields_.ExpectMap(node, "each command")) return;
  CheckCommandKeys(node);
  if (!LoadCommandName(node, c)) return;
  const std::string label = "command '" + c->name.value + "'";
  fields_.ReadOptionalString(FindChild(node, "help"), "the help of " + label, &c->help);
  YNodePtr script = FindChild(node, "script");
  fields_.ReadStringList(script, "the script of " + label, &c->script);
  if (!script || script->is_null() || (script->is_seq() && script->items.empty())) {
    diag_->Error(script ? script->loc : node->loc,
                 label + " has an empty script; give it at least one line to run");
  }
  fields_.ReadPathList(FindChild(node, "deps"), "the deps of " + label, &c->deps);
  fields_.ReadPathList(FindChild(node, "outputs"), "the outputs of " + label, &c->outputs);
  fields_.ReadPathList(FindChild(node, "outputs_no_cache"), "the outputs_no_cache of " + label,
                       &c->outputs_no_cache);
  fields_.ReadBool(FindChild(node, "no_skip"), "no_skip of " + label, &c->no_skip);
  LoadCommandExtensions(node, label, c);
  WarnShellLines(node, label, *c);
}

void Loader::LoadWorkflows(const YNodePtr& node, Project* p) {
  if (!fields_.ExpectMap(node, "workflows")) return;
  for (auto& [k, v] : node->entries) {
    Workflow w;
    w.name = Text{k->text, k->loc};
    std::string bad = BadName(k->text);
    if (k->text.empty()) {
      diag_->Error(k->loc, "a workflow's name cannot be empty");
    } else if (!bad.empty()) {
      diag_->Error(k->loc, "workflow name '" + k->text + "' " + bad);
    }
    if (v->is_null()) {
      p->workflows.push_back(std::move(w));
      continue;
    }
    if (!fields_.ExpectList(v, "workflow '" + k->text + "'")) continue;
    for (const YNodePtr& item : v->items) {
      WorkflowStep step;
      step.loc = item->loc;
      if (item->is_map()) {
        YNodePtr members = FindChild(item, "parallel");
        if (!members || item->entries.size() != 1) {
          Diagnostic& d = diag_->Error(
              item->loc, "a workflow step is a command name or `parallel: [commands...]`");
          if (!item->entries.empty()) {
            std::string close = ClosestMatch(item->entries[0].first->text, {"parallel"});
            if (!close.empty()) d.notes.push_back("did you mean 'parallel'?");
          }
          continue;
        }
        step.parallel = true;
        if (members->is_null() || (members->is_seq() && members->items.empty())) {
          diag_->Error(members->loc, "empty parallel group in workflow '" + k->text +
                                         "'; list the commands to run in parallel");
          continue;
        }
        if (!fields_.ExpectList(members, "a parallel group")) continue;
        for (const YNodePtr& m : members->items) {
          if (m->is_map() || m->is_seq()) {
            diag_->Error(m->loc, "parallel groups cannot be nested; list command names only")
                .notes.push_back("to run more commands at once, put them all in one group");
            continue;
          }
          Text name;
          if (!fields_.ReadString(m, "a parallel group member", &name)) continue;
          for (const Text& seen : step.commands) {
            if (seen.value == name.value) {
              diag_->Error(m->loc, "'" + name.value + "' is listed twice in one parallel group")
                  .notes.push_back(
                      "a group runs each command once; to run it again, add "
                      "another step after the group");
            }
          }
          step.commands.push_back(std::move(name));
        }
        if (!step.commands.empty()) w.steps.push_back(std::move(step));
        continue;
      }
      Text name;
      if (!fields_.ReadString(item, "a workflow step", &name)) continue;
      step.commands.push_back(std::move(name));
      w.steps.push_back(std::move(step));
    }
    p->workflows.push_back(std::move(w));
  }
}

void Loader::LoadAssets(const YNodePtr& node, Project* p) {
  if (!fields_.ExpectList(node, "assets")) return;
  std::set<std::string> dests;  // canonical: one edge may produce a path
  for (const YNodePtr& item : node->items) {
    if (!fields_.ExpectMap(item, "each asset")) continue;
    Asset a;
    a.loc = item->loc;
    YNodePtr dest = FindChild(item, "dest");
    YNodePtr url = FindChild(item, "url");
    fields_.ReadOptionalString(dest, "an asset's dest", &a.dest);
    fields_.ReadOptionalString(url, "an asset's url", &a.url);
    fields_.ReadOptionalString(FindChild(item, "checksum"), "an asset's checksum", &a.checksum);
    fields_.ReadOptionalString(FindChild(item, "description"), "an asset's description",
                               &a.description);
    fields_.ReadBool(FindChild(item, "extra"), "an asset's extra", &a.extra);
    std::string err;
    if (YNodePtr git = FindChild(item, "git")) {
      if (fields_.ExpectMap(git, "an asset's git")) {
        YNodePtr repo = FindChild(git, "repo"), branch = FindChild(git, "branch"),
                 path = FindChild(git, "path");
        fields_.ReadOptionalString(repo, "git.repo", &a.git_repo);
        fields_.ReadOptionalString(branch, "git.branch", &a.git_branch);
        fields_.ReadOptionalString(path, "git.path", &a.git_path);
        if (a.git_repo.empty()) {
          diag_->Error(git->loc, "a git asset needs `repo`");
        } else if (!CheckRepo(a.git_repo, &err)) {
          diag_->Error(repo->loc, err);
        }
        if (!a.git_branch.empty() && a.git_branch[0] == '-') {
          diag_->Error(branch->loc, "the git branch '" + a.git_branch + "' starts with '-'");
        }
        if (!a.git_path.empty() && !CheckRelativePath(a.git_path, "git path", true, &err)) {
          diag_->Error(path->loc, err);
        }
      }
      if (url) diag_->Error(url->loc, "an asset has either `url` or `git`, not both");
    } else if (!a.url.empty() && !CheckUrlScheme(a.url, &err)) {
      diag_->Error(url->loc, err + "; wfgen downloads http:// and https:// URLs");
    }
    if (a.dest.empty()) {
      diag_->Error(item->loc, "an asset needs a `dest` (where the file goes)");
    } else if (!CheckRelativePath(a.dest, "dest", false, &err)) {
      // A downloaded file never lands outside the project, but a real
      // project names `/scratch/...` (corpus: floret_wiki_oscar_vectors):
      // it still loads and runs; wfgen only refuses to fetch it.
      a.outside = true;
      diag_->Warning(dest->loc, err + "; wfgen will not download it there")
          .notes.push_back("put the file there yourself, or give a path inside the project");
    } else if (const char* bad = ForbiddenChar(a.dest)) {
      diag_->Error(dest->loc, "an asset's dest '" + a.dest + "' contains " + bad +
                                  ", which a Ninja file cannot express; rename the file");
    } else if (!dests.insert(CanonicalPath(a.dest)).second) {
      diag_->Error(dest->loc, "another asset already has the dest '" + a.dest +
                                  "'; give each asset its own file or directory");
    }
    if (!a.checksum.empty()) {
      bool hex = a.checksum.size() == 32;
      for (char c : a.checksum) hex = hex && isxdigit(static_cast<unsigned char>(c));
      if (!hex) {
        diag_->Error(FindChild(item, "checksum")->loc,
                     "an asset's checksum is an MD5 hash: 32 hex digits");
      }
    }
    p->assets.push_back(std::move(a));
  }
}

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

}  // namespace

const std::vector<std::string>& KnownTopLevelKeys() {
  static const std::vector<std::string> keys = {
      "title", "description", "vars", "env", "directories", "assets", "commands", "workflows",
      // wfgen extensions
      "max_parallel_processes", "pools", "kill_grace", "launcher", "retries",
      "max_parallel_downloads", "fetch_assets", "remotes", "remote_cache"};
  return keys;
}

const std::vector<std::string>& KnownCommandKeys() { return kCommandKeys; }

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
