// `assets:`: where each file goes (dest), where it comes from (url or
// git), and its checksum, checked here so that `ninja assets` never fetches
// to a path it cannot express or outside the project.
#include <cctype>
#include <set>
#include <string>
#include <utility>

#include "generator/project/loader_impl.h"
#include "generator/project/names.h"
#include "runtime/base/paths.h"
#include "runtime/state/asset_url.h"

namespace wfgen {

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

}  // namespace wfgen
