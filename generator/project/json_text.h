// A string as a JSON string literal (for override values rendered into
// commands, and for traces).
#pragma once

#include <string>

namespace wfgen {

std::string JsonString(const std::string& s);

}  // namespace wfgen
