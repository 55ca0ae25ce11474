#include "runtime/base/messages.h"

#include "runtime/base/fd.h"

namespace wfgen {

void PrintLine(const std::string& line) { WriteFd(1, line + "\n"); }

void PrintError(const std::string& message) { WriteFd(2, "wfgen: error: " + message + "\n"); }

void PrintWarning(const std::string& message) { WriteFd(2, "wfgen: warning: " + message + "\n"); }

}  // namespace wfgen
