// One asset as the generator hands it to wfgen-transfer: a plain struct,
// with one writer and one parser for its file form.
//
// File form (line_format.h: `key value`, values escaped), one asset per
// file, every `${var}` already interpolated:
//
//   wfgen-asset-spec 1
//   kind url                      url | git | private
//   dest assets/model.bin         relative to the project directory
//   url https://host/model.bin    kind url
//   repo https://host/repo.git    kind git
//   branch main                   kind git, optional (default: remote's HEAD)
//   path some/dir                 kind git ("" = the whole repository)
//   checksum 0123abcd...          optional, weasel's md5
//   description Some words        optional
//
// Unknown keys are refused, so a newer generator and an older
// wfgen-transfer fail loudly rather than half-understand each other.
#pragma once

#include <string>

namespace wfgen {

struct AssetSpec {
  enum Kind { kUrl, kGit, kPrivate };
  Kind kind = kPrivate;
  std::string dest;
  std::string url;
  std::string repo, branch, path;
  std::string checksum;
  std::string description;
};

std::string RenderAssetSpec(const AssetSpec& spec);
bool ParseAssetSpec(const std::string& text, AssetSpec* spec, std::string* err);

// The rules every spec must follow, wherever it came from: a relative dest
// without "..", an http(s) URL, a repo not starting with '-', a git path
// inside the repository, a checksum of 32 hex digits.
bool ValidateAssetSpec(const AssetSpec& spec, std::string* err);

}  // namespace wfgen
