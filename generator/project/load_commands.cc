// One command of `commands:`: weasel's keys, wfgen's own (shell, pool,
// launcher, resources, retries), and a warning for script lines that seem
// written for a shell.
#include <string>
#include <vector>

#include "generator/project/loader.h"
#include "generator/project/loader_impl.h"
#include "generator/project/names.h"
#include "generator/project/retries_field.h"
#include "runtime/base/disk.h"

namespace wfgen {
namespace {

const std::vector<std::string> kCommandKeys = {"name", "help", "script", "deps", "outputs",
                                               "outputs_no_cache", "no_skip",
                                               // wfgen extensions
                                               "shell", "pool", "launcher", "resources", "retries"};

}  // namespace

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

const std::vector<std::string>& KnownCommandKeys() { return kCommandKeys; }

}  // namespace wfgen
