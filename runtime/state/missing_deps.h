// What a step says when deps are missing: every missing file, and how to
// get them. One place for the wording, so that the advice can name
// `wfgen assets` once that command exists.
#pragma once

#include <string>
#include <vector>

namespace wfgen {

// The lines (without newlines) for `command` missing `missing` (>= 1).
std::vector<std::string> MissingDepsMessage(const std::string& command,
                                            const std::vector<std::string>& missing);

}  // namespace wfgen
