// weasel's remote-storage hashes, computed the way weasel computes them, so
// that an object one tool pushes is found by the other
// (weasel/cli/remote_storage.py, weasel/util/hashing.py).
//
// - content hash: get_content_hash is weasel's get_checksum, which is
//   WeaselChecksum (runtime/state/weasel_checksum.h).
// - command hash: get_command_hash("", "", deps, script) as push and pull
//   call it: md5 over the concatenation, with no separator, of each dep's
//   content hash (deps sorted as pathlib sorts `project_dir / dep`) and then
//   the interpolated script lines. env, packages and outputs are not in it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "runtime/base/disk.h"

namespace wfgen {

// pathlib's normal form of a path string: repeated and trailing '/' and
// "." parts dropped ("./a//b/" -> "a/b"); "" and "." stay ".". ".." is kept,
// as pathlib keeps it.
std::string PathlibNormal(const std::string& path);

// PurePosixPath's `<`: part by part, each part compared by code point (which
// is byte order for UTF-8). "a/b" < "a-b" although "a-b" < "a/b" as strings.
bool PathlibLess(const std::string& a, const std::string& b);

// weasel's get_command_hash("", "", [project_dir / d for d in deps], script).
// Every dep must exist (weasel skips a command otherwise).
bool CommandHash(Disk* disk, const std::string& project_dir, const std::vector<std::string>& deps,
                 const std::vector<std::string>& script, std::string* hex, std::string* err);

// Python's urllib.parse.quote_plus(s) with its defaults: letters, digits and
// "_.-~" kept, ' ' -> '+', every other byte %XX (upper-case hex).
std::string QuotePlus(std::string_view s);

}  // namespace wfgen
