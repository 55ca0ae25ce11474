#include "runtime/base/messages.h"

#include "runtime/base/fd.h"

namespace wfgen {

std::string Note(const std::string& message) { return "wfgen: " + message; }

std::string Warning(const std::string& message) { return Note("warning: " + message); }

void PrintLine(const std::string& line) { WriteFd(1, line + "\n"); }

void PrintLineToStderr(const std::string& line) { WriteFd(2, line + "\n"); }

void PrintNote(const std::string& message) { PrintLine(Note(message)); }

void PrintError(const std::string& message) { PrintLineToStderr(Note("error: " + message)); }

void PrintWarning(const std::string& message) { PrintLineToStderr(Warning(message)); }

}  // namespace wfgen
