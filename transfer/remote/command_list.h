// The command list the generator hands to `wfgen-transfer remote push|pull`:
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

#include "transfer/remote/remote_ops.h"

namespace wfgen {

bool ParseCommandList(const std::string& text, std::vector<RemoteCommand>* commands,
                      std::string* err);
std::string FormatCommandList(const std::vector<RemoteCommand>& commands);

}  // namespace wfgen
