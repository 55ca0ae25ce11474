// What an asset's URL may be, and weasel's rewrite of GitHub page URLs.
#pragma once

#include <string>

namespace wfgen {

// weasel's convert_asset_url (weasel/cli/assets.py), exactly: a URL that
// matches `(http(s?)):\/\/github.com` at its start (the '.' is a regex dot,
// as in weasel) and contains neither "releases/download" nor "/raw/" has
// every "github.com" replaced by "raw.githubusercontent.com" and every
// "/tree/" or "/blob/" (left to right, not overlapping) by "/". Returns
// whether it rewrote.
bool ConvertGithubUrl(const std::string& url, std::string* converted);

// True for the schemes the downloader fetches: http and https. Everything
// else (file:, ftp:, s3:, a bare path, ...) is refused with *err saying so,
// so that a project cannot make wfgen read local files or speak protocols
// nobody reviewed.
bool CheckUrlScheme(const std::string& url, std::string* err);

// A git repository address: refused when empty, when it starts with '-'
// (git would read it as an option) or holds a control character.
bool CheckRepo(const std::string& repo, std::string* err);

// An asset's dest (or a git `path`): relative, no "..", no empty name.
// `what` names the field in the message.
bool CheckRelativePath(const std::string& path, const std::string& what, bool allow_empty,
                       std::string* err);

}  // namespace wfgen
