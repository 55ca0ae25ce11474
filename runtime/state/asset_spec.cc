#include "runtime/state/asset_spec.h"

#include <cctype>

#include "runtime/base/line_format.h"
#include "runtime/state/asset_url.h"

namespace wfgen {
namespace {

const char kMagic[] = "wfgen-asset-spec 1";

const char* KindName(AssetSpec::Kind k) {
  switch (k) {
    case AssetSpec::kUrl: return "url";
    case AssetSpec::kGit: return "git";
    case AssetSpec::kPrivate: return "private";
  }
  return "private";
}

}  // namespace

std::string RenderAssetSpec(const AssetSpec& s) {
  std::string out = std::string(kMagic) + "\n";
  auto field = [&out](const char* key, const std::string& value, bool always) {
    if (always || !value.empty()) out += std::string(key) + " " + EscapeField(value) + "\n";
  };
  out += std::string("kind ") + KindName(s.kind) + "\n";
  field("dest", s.dest, true);
  if (s.kind == AssetSpec::kUrl) field("url", s.url, true);
  if (s.kind == AssetSpec::kGit) {
    field("repo", s.repo, true);
    field("branch", s.branch, false);
    field("path", s.path, true);
  }
  field("checksum", s.checksum, false);
  field("description", s.description, false);
  return out;
}

bool ParseAssetSpec(const std::string& text, AssetSpec* s, std::string* err) {
  *s = AssetSpec();
  std::vector<KeyValue> kvs = SplitKeyValues(text);
  if (kvs.empty() || std::string(kvs[0].key) + " " + std::string(kvs[0].value) != kMagic) {
    *err = "not an asset spec (the first line must be '" + std::string(kMagic) + "')";
    return false;
  }
  bool have_kind = false;
  for (size_t i = 1; i < kvs.size(); ++i) {
    std::string key(kvs[i].key);
    if (key == "kind") {
      std::string v(kvs[i].value);
      if (v == "url") {
        s->kind = AssetSpec::kUrl;
      } else if (v == "git") {
        s->kind = AssetSpec::kGit;
      } else if (v == "private") {
        s->kind = AssetSpec::kPrivate;
      } else {
        *err = "unknown asset kind '" + v + "'";
        return false;
      }
      have_kind = true;
      continue;
    }
    std::string* target = key == "dest"          ? &s->dest
                          : key == "url"         ? &s->url
                          : key == "repo"        ? &s->repo
                          : key == "branch"      ? &s->branch
                          : key == "path"        ? &s->path
                          : key == "checksum"    ? &s->checksum
                          : key == "description" ? &s->description
                                                 : nullptr;
    if (!target) {
      *err = "unknown key '" + key + "' in asset spec";
      return false;
    }
    if (!UnescapeField(kvs[i].value, target)) {
      *err = "bad escape in the value of '" + key + "'";
      return false;
    }
  }
  if (!have_kind) {
    *err = "the asset spec has no 'kind'";
    return false;
  }
  return true;
}

bool ValidateAssetSpec(const AssetSpec& s, std::string* err) {
  if (!CheckRelativePath(s.dest, "dest", false, err)) return false;
  if (s.kind == AssetSpec::kUrl && !CheckUrlScheme(s.url, err)) return false;
  if (s.kind == AssetSpec::kGit) {
    if (!CheckRepo(s.repo, err)) return false;
    if (!s.branch.empty() && s.branch[0] == '-') {
      *err = "the git branch '" + s.branch + "' starts with '-'";
      return false;
    }
    if (!CheckRelativePath(s.path, "git path", true, err)) return false;
  }
  if (!s.checksum.empty()) {
    bool hex = s.checksum.size() == 32;
    for (char c : s.checksum) hex = hex && isxdigit(static_cast<unsigned char>(c));
    if (!hex) {
      *err = "checksum '" + s.checksum + "' is not an md5 (32 hex digits)";
      return false;
    }
  }
  return true;
}

}  // namespace wfgen
