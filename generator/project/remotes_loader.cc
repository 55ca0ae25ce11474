#include "generator/project/remotes_loader.h"

#include "runtime/state/remote_url.h"

namespace wfgen {
namespace {

const std::vector<std::string> kCacheKeys = {"pull", "push", "remote"};

void LoadCache(const YNodePtr& node, FieldReader* fields, Diagnostics* diag, Project* p) {
  if (!fields->ExpectMap(node, "remote_cache")) return;
  RemoteCache& cache = p->remote_cache;
  cache.loc = node->loc;
  for (auto& [k, v] : node->entries) {
    bool known = false;
    for (const std::string& key : kCacheKeys) known |= key == k->text;
    if (known) continue;
    Diagnostic& d = diag->Error(k->loc, "unknown key '" + k->text + "' in remote_cache");
    std::string close = ClosestMatch(k->text, kCacheKeys);
    d.notes.push_back(close.empty() ? "remote_cache takes pull, push and remote"
                                    : "did you mean '" + close + "'?");
  }
  fields->ReadBool(FindChild(node, "pull"), "remote_cache.pull", &cache.pull);
  fields->ReadBool(FindChild(node, "push"), "remote_cache.push", &cache.push);
  if (YNodePtr r = FindChild(node, "remote")) {
    Text t;
    if (fields->ReadString(r, "remote_cache.remote", &t)) {
      cache.remote = t.value;
      cache.loc = t.loc;
    }
  }
}

}  // namespace

void LoadRemotes(const YNodePtr& root, FieldReader* fields, Diagnostics* diag, Project* p) {
  if (YNodePtr remotes = FindChild(root, "remotes")) {
    if (!remotes->is_null() && fields->ExpectMap(remotes, "remotes")) {
      for (auto& [k, v] : remotes->entries) {
        Text url;
        if (!fields->ReadString(v, "the URL of remote '" + k->text + "'", &url)) continue;
        RemoteUrl parsed;
        std::string err;
        if (!ParseRemoteUrl(url.value, &parsed, &err)) {
          diag->Error(v->loc, "remote '" + k->text + "': " + err);
          continue;
        }
        p->remotes.push_back(Remote{k->text, url.value, v->loc});
      }
    }
  }
  if (YNodePtr c = FindChild(root, "remote_cache")) {
    if (!c->is_null()) LoadCache(c, fields, diag, p);
  }
  const RemoteCache& cache = p->remote_cache;
  if ((cache.pull || cache.push) && !p->FindRemote(cache.remote)) {
    Diagnostic& d = diag->Error(cache.loc, "remote_cache uses remote '" + cache.remote +
                                               "', which `remotes:` does not define");
    std::vector<std::string> names;
    for (const Remote& r : p->remotes) names.push_back(r.name);
    std::string close = ClosestMatch(cache.remote, names);
    d.notes.push_back(close.empty() ? "add it: `remotes: {" + cache.remote + ": PATH-OR-s3://URL}`"
                                    : "did you mean '" + close + "'?");
  }
}

}  // namespace wfgen
