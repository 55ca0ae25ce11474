// The command list the generator (and the wrapper, for one step) hands to
// `wfgen-transfer push|pull` (transfer/remote/remote_main.h):
// the project's commands after interpolation, one field per line in the
// line format of runtime/line_format.h (values escaped with EscapeField):
//
//   command NAME          starts a command; the lines below belong to it
//   dep PATH              as written in project.yml, in order
//   output PATH           `outputs:`
//   output_no_cache PATH  `outputs_no_cache:` (only for project.lock)
//   script LINE           one interpolated script line, in order
//
// Blank lines and lines starting with '#' are ignored.
#pragma once

#include <string>
#include <vector>

namespace wfgen {

// One command as weasel's push and pull see it.
struct RemoteCommand {
  std::string name;
  std::vector<std::string> deps;              // as written in project.yml
  std::vector<std::string> outputs;           // `outputs` (not outputs_no_cache)
  std::vector<std::string> outputs_no_cache;  // only for project.lock
  std::vector<std::string> script;            // interpolated lines
};

bool ParseCommandList(const std::string& text, std::vector<RemoteCommand>* commands,
                      std::string* err);
std::string FormatCommandList(const std::vector<RemoteCommand>& commands);

}  // namespace wfgen
