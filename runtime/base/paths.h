// Path arithmetic for the generator: Ninja's canonical form (so that
// "corpus/", "./corpus" and "corpus" are one node) and relative paths
// between the project and the build directory.
#pragma once

#include <string>

namespace wfgen {

// Lexical, like Ninja's CanonicalizePath: drops "." components, empty
// components and trailing slashes, folds "a/.." (leading ".." of a relative
// path stay). "" and "." become ".".
std::string CanonicalPath(const std::string& path);

bool IsAbsolute(const std::string& path);

// `path` made absolute against `cwd` (an absolute directory), canonical.
std::string AbsolutePath(const std::string& path, const std::string& cwd);

// The relative path that leads from directory `from` to `to`; both
// absolute and canonical. "." when they are the same.
std::string RelativePath(const std::string& from, const std::string& to);

// A project-relative path as seen from the build directory: `prefix`
// (build dir -> project dir) joined with `path`, canonical. Absolute paths
// are kept as they are.
std::string Rebase(const std::string& prefix, const std::string& path);

// True when one path is the other or lies inside it (both canonical).
bool PathsOverlap(const std::string& a, const std::string& b);

// The current working directory.
std::string CurrentDir();

}  // namespace wfgen
