// All escaping for generated files, one function per context (as GN's
// escape.h does): a path in a Ninja build line, a value of a Ninja
// variable, a word of a /bin/sh command line.
#pragma once

#include <string>

namespace wfgen {

// `$` -> `$$`, space -> `$ `, `:` -> `$:`. The loader has already refused
// what Ninja cannot express in a path (`|`, newlines).
std::string NinjaPath(const std::string& path);

// `$` -> `$$`; newlines become spaces (a value is one line); a leading
// space is kept with `$ `.
std::string NinjaValue(const std::string& value);

// A word for /bin/sh, quoted only if needed (shlex.quote rules).
std::string ShellWord(const std::string& word);

}  // namespace wfgen
