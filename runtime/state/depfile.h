// Writing the depfile through which Ninja learns the files inside
// directory deps and outputs (it only stats the paths in build.ninja, and a
// directory's own mtime does not change when a file inside it is edited).
#pragma once

#include <string>
#include <vector>

#include "runtime/state/record.h"

namespace wfgen {

// Escapes one path for a Ninja depfile (`\ ` for space, `\#`, `$$`).
// Returns false for a name the depfile syntax cannot express (quotes, `&`,
// `*`, `|`, control characters, ...): such files are left out, and only
// their directory's mtime covers them.
bool EscapeDepfilePath(const std::string& path, std::string* out);

// "target: dep dep ...\n" listing every file and subdirectory below the
// directories among `paths`. `prefix` turns project-relative paths into
// paths relative to the directory ninja runs in.
std::string RenderDepfile(const std::string& target, const std::string& prefix,
                          const std::vector<const PathState*>& paths);

}  // namespace wfgen
