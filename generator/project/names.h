// What names, paths and script lines in project.yml may hold. Names and
// paths end up in a Ninja file, in file names under .wfgen/ and on the
// console; script lines are run without a shell unless `shell: true`.
#pragma once

#include <string>

namespace wfgen {

// The first character in `s` that no path or name may contain, because
// Ninja cannot express it (`|` ends a path, a newline ends a statement) or
// exec cannot, described for a message ("a newline"); null if none.
const char* ForbiddenChar(const std::string& s);

// Why `name` cannot be a command or workflow name, or "" if it can.
std::string BadName(const std::string& name);

// True if `line` has, outside quotes, a character a shell would treat
// specially; `*what` names it.
bool LooksLikeShell(const std::string& line, std::string* what);

}  // namespace wfgen
