#include "generator/project/interpolate.h"

#include <re2/re2.h>

#include "generator/project/scalar.h"

namespace wfgen {
namespace {

std::vector<std::string> SplitDots(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  for (;;) {
    size_t dot = s.find('.', start);
    out.push_back(s.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) return out;
    start = dot + 1;
  }
}

// Where in the file a reference at `offset` of a scalar's text sits. Exact
// for plain one-line scalars, the scalar's start otherwise.
Loc RefLoc(const YNode& at, size_t offset) {
  Loc loc = at.loc;
  if (at.text.find('\n') != std::string::npos) return loc;
  loc.col += static_cast<int>(offset) + (at.plain ? 0 : 1);
  return loc;
}

const RE2& RefPattern() {
  // ${...}; group 1 is what is inside.
  static const RE2 re("\\$\\{([^}]*)\\}");
  return re;
}

void CollectNames(const YNode* node, const std::string& prefix, std::vector<std::string>* out) {
  if (!node || !node->is_map()) return;
  for (auto& [k, v] : node->entries) {
    std::string name = prefix + "." + k->text;
    out->push_back(name);
    CollectNames(v.get(), name, out);
  }
}

}  // namespace

bool ParseOverrideArg(const std::vector<std::string>& args, size_t* i, Override* out,
                      std::string* err) {
  std::string opt = args[*i];
  if (opt.compare(0, 2, "--") != 0) {
    *err = "'" + opt + "' is not an override (expected --vars.NAME=VALUE)";
    return false;
  }
  out->arg = opt;
  std::string body = opt.substr(2);
  std::string value;
  size_t eq = body.find('=');
  if (eq != std::string::npos) {
    value = body.substr(eq + 1);
    body = body.substr(0, eq);
    // weasel turns dashes into underscores in this form only.
    for (char& c : body) {
      if (c == '-') c = '_';
    }
    ++*i;
  } else if (*i + 1 < args.size() && args[*i + 1].compare(0, 2, "--") != 0) {
    value = args[*i + 1];
    out->arg += "=" + value;
    *i += 2;
  } else {
    value = "true";
    ++*i;
  }
  out->path = SplitDots(body);
  if (out->path.size() < 2 || out->path[0] != "vars") {
    *err = "cannot override '" + opt + "': only vars can be overridden (--vars.NAME=VALUE)";
    return false;
  }
  for (auto& part : out->path) {
    if (part.empty()) {
      *err = "malformed override '" + opt + "'";
      return false;
    }
  }
  out->value = ParseOverrideValue(value);
  return true;
}

Interpolator::Interpolator(YNodePtr vars, YNodePtr env_section, std::vector<Override> overrides,
                           GetEnv getenv)
    : vars_(std::move(vars)),
      env_section_(std::move(env_section)),
      overrides_(std::move(overrides)),
      getenv_(std::move(getenv)) {}

YNodePtr Interpolator::FindVar(const std::vector<std::string>& path) const {
  // The longest overridden prefix wins; later overrides win over earlier.
  for (size_t len = path.size(); len >= 2; --len) {
    for (auto it = overrides_.rbegin(); it != overrides_.rend(); ++it) {
      if (it->path.size() != len || !std::equal(it->path.begin(), it->path.end(), path.begin()))
        continue;
      YNodePtr node = it->value;
      for (size_t k = len; k < path.size() && node; ++k) node = FindChild(node, path[k]);
      return node;
    }
  }
  YNodePtr node = vars_;
  for (size_t k = 1; k < path.size() && node; ++k) node = FindChild(node, path[k]);
  return node;
}

std::vector<std::string> Interpolator::VarNames() const {
  std::vector<std::string> names;
  CollectNames(vars_.get(), "vars", &names);
  for (auto& o : overrides_) {
    std::string n;
    for (auto& p : o.path) n += (n.empty() ? "" : ".") + p;
    names.push_back(n);
  }
  return names;
}

bool Interpolator::Spend(size_t bytes, Loc at, Diagnostics* diag) {
  produced_ += bytes;
  if (produced_ <= kMaxProduced) return true;
  if (!over_budget_) {
    over_budget_ = true;
    diag->Error(at, "interpolating vars produces more than " + std::to_string(kMaxProduced >> 20) +
                        " MiB of text in all")
        .notes.push_back("do vars refer to other vars several times each, doubling at each step?");
  }
  return false;
}

YNodePtr Interpolator::DeepResolve(const YNodePtr& node, Diagnostics* diag, int depth) {
  if (!node) return node;
  if (depth > 64) {
    diag->Error(node->loc, "value nested too deeply");
    return nullptr;
  }
  if (node->is_scalar()) return Resolve(node, diag);
  if (node->is_null()) return node;
  if (!Spend(node->items.size() + node->entries.size(), node->loc, diag)) return nullptr;
  auto copy = std::make_shared<YNode>(*node);
  for (auto& item : copy->items) {
    item = DeepResolve(item, diag, depth + 1);
    if (!item) return nullptr;
  }
  for (auto& [k, v] : copy->entries) {
    v = DeepResolve(v, diag, depth + 1);
    if (!v) return nullptr;
  }
  return copy;
}

YNodePtr Interpolator::Lookup(const std::string& ref, const YNode& at, size_t offset,
                              Diagnostics* diag) {
  // Failures are remembered too (as null, reported once): a chain of vars
  // that each refer twice to a broken one would otherwise be resolved, and
  // fail, 2^n times.
  auto memo = memo_.find(ref);
  if (memo != memo_.end()) return memo->second;
  std::vector<std::string> path = SplitDots(ref);
  Loc loc = RefLoc(at, offset);
  if (path[0] == "env") {
    const YNode* name = path.size() == 2 && env_section_ ? env_section_->Get(path[1]) : nullptr;
    if (!name || !name->is_scalar()) {
      diag->Error(loc, "undefined ${" + ref + "}")
          .notes.push_back("map it to an environment variable under `env:`, e.g. `env: {" +
                           (path.size() > 1 ? path[1] : std::string("NAME")) + ": " +
                           (path.size() > 1 ? path[1] : std::string("NAME")) + "}`");
      return nullptr;
    }
    const char* value = getenv_(name->text);
    env_read_[name->text] = value ? value : "";
    YNodePtr v = ParseOverrideValue(value ? value : "");
    memo_[ref] = v;
    return v;
  }
  if (in_progress_.count(ref)) {
    diag->Error(loc, "${" + ref + "} refers to itself (directly or through other vars)");
    return nullptr;
  }
  YNodePtr node = FindVar(path);
  if (!node) {
    Diagnostic& d = diag->Error(loc, "undefined variable ${" + ref + "}");
    if (diag->Dropped(d)) return nullptr;
    std::string close = ClosestMatch(ref, VarNames());
    if (!close.empty()) d.notes.push_back("did you mean ${" + close + "}?");
    d.notes.push_back("define it under `vars:` or pass --" + ref + "=VALUE");
    return nullptr;
  }
  in_progress_.insert(ref);
  YNodePtr resolved = DeepResolve(node, diag, 0);
  in_progress_.erase(ref);
  memo_[ref] = resolved;
  return resolved;
}

YNodePtr Interpolator::Resolve(const YNodePtr& node, Diagnostics* diag) {
  if (!node || !node->is_scalar() || node->text.find('$') == std::string::npos) return node;
  if (over_budget_) return nullptr;
  const std::string& text = node->text;
  re2::StringPiece inner;
  std::string out;
  size_t pos = 0;
  bool changed = false;
  bool ok = true;
  while (pos < text.size()) {
    size_t dollar = text.find("${", pos);
    if (dollar == std::string::npos) break;
    // "$${" is a literal "${".
    if (dollar > 0 && text[dollar - 1] == '$') {
      out += text.substr(pos, dollar - 1 - pos) + "${";
      pos = dollar + 2;
      changed = true;
      continue;
    }
    re2::StringPiece rest(text.data() + dollar, text.size() - dollar);
    if (!RE2::Consume(&rest, RefPattern(), &inner)) {
      out += text.substr(pos, dollar + 2 - pos);
      pos = dollar + 2;
      continue;
    }
    size_t end = text.size() - rest.size();
    std::string ref(inner.data(), inner.size());
    if (ref.compare(0, 5, "vars.") != 0 && ref.compare(0, 4, "env.") != 0) {
      // ${HOME} and the like belong to shells (`shell: true`); keep them.
      out += text.substr(pos, end - pos);
      pos = end;
      continue;
    }
    YNodePtr value = Lookup(ref, *node, dollar, diag);
    if (!value) {
      ok = false;
      pos = end;
      continue;
    }
    // A whole-value reference keeps the value's type.
    if (dollar == 0 && end == text.size()) {
      auto typed = std::make_shared<YNode>(*value);
      typed->loc = node->loc;
      return typed;
    }
    out += text.substr(pos, dollar - pos);
    std::string err;
    size_t before = out.size();
    if (!RenderForString(*value, &out, &err)) {
      diag->Error(RefLoc(*node, dollar), "cannot insert ${" + ref + "} here: " + err);
      ok = false;
    } else if (!Spend(out.size() - before, node->loc, diag)) {
      return nullptr;
    }
    pos = end;
    changed = true;
  }
  if (!ok) return nullptr;
  if (!changed) return node;
  out += text.substr(pos);
  auto result = std::make_shared<YNode>(*node);
  result->text = out;
  result->plain = false;  // interpolated text is a string, whatever it looks like
  return result;
}

}  // namespace wfgen
