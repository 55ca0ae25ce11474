// Running ninja under `wfgen run`: ninja is a child whose output comes
// through a pipe, the wrappers' events through a datagram socket, and the
// status is drawn as a live table on a terminal or as plain lines
// elsewhere. Ctrl-C reaches ninja (same process group), which stops the
// steps; SIGTERM and SIGHUP to wfgen are passed on to ninja.
#pragma once

#include <string>
#include <vector>

#include "generator/run/run_status.h"
#include "generator/run/terminal.h"

namespace wfgen {

struct NinjaInvocation {
  std::string ninja = "ninja";  // $WFGEN_NINJA or ninja from PATH
  std::string dir;              // where ninja runs (the build directory)
  std::vector<std::string> args;
  std::vector<std::string> env;  // "NAME=value" added to the environment
  // Members of parallel groups shown as their lines come, prefixed with
  // their names (log_follow.h), instead of grouped after the group.
  bool prefix_members = false;
};

// Runs ninja, keeps `status` up to date and displays it; returns the exit
// status of the step that failed first (3 stays 3, as with `weasel run`),
// else ninja's (128+N if it died of signal N).
int RunNinjaWithStatus(const NinjaInvocation& ninja, RunStatus* status, TerminalInfo term);

// Filters ninja's own noise out of its output in `wfgen run`: the status
// lines (marked through NINJA_STATUS), "FAILED:" lines with the command
// that follows, and the closing "ninja: build stopped"/"no work to do".
class NinjaOutputFilter {
 public:
  // The marker put in NINJA_STATUS.
  static const char* StatusMarker();
  // True if `line` (without its newline) should be shown.
  bool Keep(const std::string& line);

 private:
  bool skip_next_ = false;
};

}  // namespace wfgen
