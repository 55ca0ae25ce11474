#include "generator/loader.h"

#include <cstdlib>
#include <cstring>
#include <set>

#include "generator/paths.h"
#include "generator/scalar.h"
#include "generator/yaml_tree.h"
#include "runtime/step_spec.h"

namespace wfgen {
namespace {

const std::vector<std::string> kCommandKeys = {"name", "help", "script", "deps", "outputs",
                                               "outputs_no_cache", "no_skip",
                                               // wfgen extensions
                                               "shell", "pool", "launcher", "resources"};

const std::vector<std::string> kResourceKeys = {"cpus", "mem",       "gpus",
                                                "time", "partition", "extra"};

// Characters a path or name cannot contain, because Ninja cannot express
// them (`|` ends a path, a newline ends a statement) or exec cannot.
const char* ForbiddenChar(const std::string& s) {
  for (char c : s) {
    if (c == '\n') return "a newline";
    if (c == '\r') return "a carriage return";
    if (c == '|') return "'|'";
    if (c == '\0') return "a NUL byte";
  }
  return nullptr;
}

// Why `name` cannot be a command or workflow name, or null. Names become
// Ninja targets, file names under .wfgen/ and words on the console, so
// besides what no path may hold they must be spelled the way Ninja
// normalises paths ("./a", "a/" and "a//b" would each be a second name for
// a target Ninja calls "a"), stay out of wfgen's own .wfgen/ directory and
// fit in a file name.
std::string BadName(const std::string& name) {
  if (const char* bad = ForbiddenChar(name)) return std::string("contains ") + bad;
  for (unsigned char ch : name) {
    if (ch < 0x20 || ch == 0x7f) return "contains a control character";
  }
  if (IsAbsolute(name)) return "starts with '/'; a name is not an absolute path";
  std::string canonical = CanonicalPath(name);
  if (canonical != name) {
    return "is not written the way Ninja normalises paths ('" + canonical +
           "'), so it could name two different targets";
  }
  if (name == ".wfgen" || name.compare(0, 7, ".wfgen/") == 0) {
    return "is inside .wfgen/, which holds wfgen's own files";
  }
  if (name == "build.ninja") return "is reserved for the generated Ninja file";
  if (FileSafeName(name).size() > 200) return "is too long to be part of a file name";
  return "";
}

// True if `line` has, outside quotes, a character a shell would treat
// specially; `*what` names it.
bool LooksLikeShell(const std::string& line, std::string* what) {
  char quote = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quote) {
      if (c == quote) quote = 0;
      else if (c == '\\' && quote == '"') ++i;
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '\\') {
      ++i;
    } else if (c == '|' || c == '>' || c == '<' || c == ';' || c == '&' || c == '`') {
      *what = std::string("`") + c + "`";
      return true;
    } else if (c == '*' || c == '?') {
      *what = std::string("the glob `") + c + "`";
      return true;
    } else if (c == '$' && i + 1 < line.size() &&
               (isalpha(static_cast<unsigned char>(line[i + 1])) || line[i + 1] == '_' ||
                line[i + 1] == '(')) {
      *what = "`$" + std::string(1, line[i + 1]) + "...`";
      return true;
    } else if (c == '~' && (i == 0 || line[i - 1] == ' ') &&
               (i + 1 == line.size() || line[i + 1] == '/' || line[i + 1] == ' ')) {
      *what = "`~`";
      return true;
    }
  }
  return false;
}

class Loader {
 public:
  Loader(Interpolator* interp, Diagnostics* diag) : interp_(interp), diag_(diag) {}

  void Load(const YNodePtr& root, Project* p);

 private:
  bool ReadString(const YNodePtr& node, const std::string& what, Text* out);
  bool ReadOptionalString(const YNodePtr& node, const std::string& what, std::string* out);
  bool ReadList(const YNodePtr& node, const std::string& what,
                bool (Loader::*read_item)(const YNodePtr&, const std::string&, Text*),
                std::vector<Text>* out);
  bool ReadStringList(const YNodePtr& node, const std::string& what, std::vector<Text>* out);
  bool ReadBool(const YNodePtr& node, const std::string& what, bool* out);
  bool ReadPositiveInt(const YNodePtr& node, const std::string& what, int* out);
  bool ReadPath(const YNodePtr& node, const std::string& what, Text* out);
  bool ReadPathList(const YNodePtr& node, const std::string& what, std::vector<Text>* out);
  void LoadCommand(const YNodePtr& node, Command* c);
  void LoadResources(const YNodePtr& node, Resources* r);
  void LoadWorkflows(const YNodePtr& node, Project* p);
  void LoadAssets(const YNodePtr& node, Project* p);
  void LoadExtensions(const YNodePtr& root, Project* p);
  void Validate(Project* p);
  bool ExpectMap(const YNodePtr& node, const std::string& what);
  bool ExpectList(const YNodePtr& node, const std::string& what);

  Interpolator* interp_;
  Diagnostics* diag_;
};

bool Loader::ExpectMap(const YNodePtr& node, const std::string& what) {
  if (node->is_map()) return true;
  diag_->Error(node->loc, what + " must be a mapping (key: value lines), not " + node->KindName());
  return false;
}

bool Loader::ExpectList(const YNodePtr& node, const std::string& what) {
  if (node->is_seq()) return true;
  Diagnostic& d = diag_->Error(node->loc, what + " must be a list, not " + node->KindName());
  if (node->is_scalar()) d.notes.push_back("write it as a list: `- " + node->text + "`");
  return false;
}

bool Loader::ReadString(const YNodePtr& node, const std::string& what, Text* out) {
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

bool Loader::ReadOptionalString(const YNodePtr& node, const std::string& what, std::string* out) {
  if (!node || node->is_null()) return true;
  Text t;
  if (!ReadString(node, what, &t)) return false;
  *out = t.value;
  return true;
}

bool Loader::ReadList(const YNodePtr& node, const std::string& what,
                      bool (Loader::*read_item)(const YNodePtr&, const std::string&, Text*),
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

bool Loader::ReadStringList(const YNodePtr& node, const std::string& what, std::vector<Text>* out) {
  return ReadList(node, what, &Loader::ReadString, out);
}

bool Loader::ReadPath(const YNodePtr& node, const std::string& what, Text* out) {
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

bool Loader::ReadPathList(const YNodePtr& node, const std::string& what, std::vector<Text>* out) {
  return ReadList(node, what, &Loader::ReadPath, out);
}

bool Loader::ReadBool(const YNodePtr& node, const std::string& what, bool* out) {
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

bool Loader::ReadPositiveInt(const YNodePtr& node, const std::string& what, int* out) {
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
  if (!ExpectMap(node, "resources")) return;
  for (auto& [k, v] : node->entries) {
    const std::string& key = k->text;
    if (key == "extra") {
      std::vector<Text> extra;
      ReadStringList(v, "resources.extra", &extra);
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

void Loader::LoadCommand(const YNodePtr& node, Command* c) {
  c->loc = node->loc;
  if (!ExpectMap(node, "each command")) return;
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
          "(and wfgen's shell, pool, launcher, resources)");
    }
  }
  YNodePtr name = FindChild(node, "name");
  if (!name) {
    diag_->Error(node->loc, "a command needs a `name`");
    return;
  }
  if (ReadString(name, "a command's name", &c->name)) {
    std::string bad = BadName(c->name.value);
    if (c->name.value.empty()) {
      diag_->Error(name->loc, "a command's name cannot be empty");
    } else if (!bad.empty()) {
      diag_->Error(name->loc, "command name '" + c->name.value + "' " + bad);
    }
  }
  const std::string label = "command '" + c->name.value + "'";
  ReadOptionalString(FindChild(node, "help"), "the help of " + label, &c->help);
  YNodePtr script = FindChild(node, "script");
  ReadStringList(script, "the script of " + label, &c->script);
  if (!script || script->is_null() || (script->is_seq() && script->items.empty())) {
    diag_->Error(script ? script->loc : node->loc,
                 label + " has an empty script; give it at least one line to run");
  }
  ReadPathList(FindChild(node, "deps"), "the deps of " + label, &c->deps);
  ReadPathList(FindChild(node, "outputs"), "the outputs of " + label, &c->outputs);
  ReadPathList(FindChild(node, "outputs_no_cache"), "the outputs_no_cache of " + label,
               &c->outputs_no_cache);
  ReadBool(FindChild(node, "no_skip"), "no_skip of " + label, &c->no_skip);
  ReadBool(FindChild(node, "shell"), "shell of " + label, &c->shell);
  ReadOptionalString(FindChild(node, "pool"), "the pool of " + label, &c->pool);
  if (YNodePtr l = FindChild(node, "launcher")) {
    Text t;
    if (ReadString(l, "the launcher of " + label, &t)) {
      if (t.value != "local" && t.value != "slurm") {
        diag_->Error(l->loc, "unknown launcher '" + t.value + "'; use local or slurm");
      }
      c->launcher = t.value;
    }
  }
  if (YNodePtr r = FindChild(node, "resources")) {
    if (!r->is_null()) LoadResources(r, &c->resources);
  }
  if (!c->shell) {
    for (const Text& line : c->script) {
      std::string what;
      if (LooksLikeShell(line.value, &what)) {
        diag_
            ->Warning(line.loc, "this line uses " + what +
                                    " as if a shell ran it; wfgen, like weasel, runs script "
                                    "lines without a shell, so it is passed on literally")
            .notes.push_back("add `shell: true` to " + label + " to run its lines with /bin/sh");
      }
    }
  }
}

void Loader::LoadWorkflows(const YNodePtr& node, Project* p) {
  if (!ExpectMap(node, "workflows")) return;
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
    if (!ExpectList(v, "workflow '" + k->text + "'")) continue;
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
        if (!ExpectList(members, "a parallel group")) continue;
        for (const YNodePtr& m : members->items) {
          if (m->is_map() || m->is_seq()) {
            diag_->Error(m->loc, "parallel groups cannot be nested; list command names only")
                .notes.push_back("to run more commands at once, put them all in one group");
            continue;
          }
          Text name;
          if (!ReadString(m, "a parallel group member", &name)) continue;
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
      if (!ReadString(item, "a workflow step", &name)) continue;
      step.commands.push_back(std::move(name));
      w.steps.push_back(std::move(step));
    }
    p->workflows.push_back(std::move(w));
  }
}

void Loader::LoadAssets(const YNodePtr& node, Project* p) {
  if (!ExpectList(node, "assets")) return;
  for (const YNodePtr& item : node->items) {
    if (!ExpectMap(item, "each asset")) continue;
    Asset a;
    a.loc = item->loc;
    ReadOptionalString(FindChild(item, "dest"), "an asset's dest", &a.dest);
    ReadOptionalString(FindChild(item, "url"), "an asset's url", &a.url);
    ReadOptionalString(FindChild(item, "checksum"), "an asset's checksum", &a.checksum);
    ReadOptionalString(FindChild(item, "description"), "an asset's description", &a.description);
    if (YNodePtr git = FindChild(item, "git")) {
      if (ExpectMap(git, "an asset's git")) {
        ReadOptionalString(FindChild(git, "repo"), "git.repo", &a.git_repo);
        ReadOptionalString(FindChild(git, "branch"), "git.branch", &a.git_branch);
        ReadOptionalString(FindChild(git, "path"), "git.path", &a.git_path);
        if (a.git_repo.empty()) diag_->Error(git->loc, "a git asset needs `repo`");
      }
    } else if (a.dest.empty()) {
      diag_->Error(item->loc, "an asset needs a `dest` (where the file goes)");
    }
    if (!a.checksum.empty() && a.checksum.size() != 32) {
      diag_->Error(FindChild(item, "checksum")->loc,
                   "an asset's checksum is an MD5 hash: 32 hex digits");
    }
    p->assets.push_back(std::move(a));
  }
}

void Loader::LoadExtensions(const YNodePtr& root, Project* p) {
  if (YNodePtr m = FindChild(root, "max_parallel_processes")) {
    int n = 0;
    if (!m->is_null() && ReadPositiveInt(m, "max_parallel_processes", &n))
      p->max_parallel_processes = n;
  }
  if (YNodePtr pools = FindChild(root, "pools")) {
    if (!pools->is_null() && ExpectMap(pools, "pools")) {
      for (auto& [k, v] : pools->entries) {
        int depth = 0;
        if (ReadPositiveInt(v, "the depth of pool '" + k->text + "'", &depth)) {
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
    if (ReadString(l, "launcher", &t)) {
      if (t.value != "local" && t.value != "slurm") {
        diag_->Error(l->loc, "unknown launcher '" + t.value + "'; use local or slurm");
      }
      p->launcher = t.value;
    }
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
    // remotes, ...), except for a likely typo of a key that matters.
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
    if (!v->is_null()) ExpectMap(v, "vars");
  }
  if (YNodePtr e = FindChild(root, "env")) {
    if (!e->is_null() && ExpectMap(e, "env")) {
      for (auto& [k, v] : e->entries) {
        if (!v->is_scalar()) {
          diag_->Error(v->loc, "env." + k->text + " must name an environment variable");
        }
      }
    }
  }
  ReadPathList(FindChild(root, "directories"), "directories", &p->directories);
  if (YNodePtr a = FindChild(root, "assets")) {
    if (!a->is_null()) LoadAssets(a, p);
  }
  LoadExtensions(root, p);
  if (YNodePtr cmds = FindChild(root, "commands")) {
    if (!cmds->is_null() && ExpectList(cmds, "commands")) {
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
  if (!FindChild(root, "commands") && !FindChild(root, "workflows")) {
    diag_->Error(root->loc, "no commands or workflows defined; add a `commands:` list");
  }
  Validate(p);
}

}  // namespace

const std::vector<std::string>& KnownTopLevelKeys() {
  static const std::vector<std::string> keys = {
      "title", "description", "vars", "env", "directories", "assets", "commands", "workflows",
      // wfgen extensions
      "max_parallel_processes", "pools", "kill_grace", "launcher"};
  return keys;
}

const std::vector<std::string>& KnownCommandKeys() { return kCommandKeys; }

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
  return !diag->has_errors();
}

}  // namespace wfgen
