#include "runtime/state/command_list.h"

#include "runtime/base/line_format.h"

namespace wfgen {

bool ParseCommandList(const std::string& text, std::vector<RemoteCommand>* commands,
                      std::string* err) {
  int line_no = 0;
  for (std::string_view line : SplitLines(text)) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    size_t space = line.find(' ');
    std::string_view key = line.substr(0, space);
    std::string value;
    if (!UnescapeField(space == std::string_view::npos ? "" : line.substr(space + 1), &value)) {
      *err = "command list line " + std::to_string(line_no) + ": bad escape";
      return false;
    }
    if (key == "command") {
      commands->push_back(RemoteCommand());
      commands->back().name = value;
      continue;
    }
    if (commands->empty()) {
      *err = "command list line " + std::to_string(line_no) + ": '" + std::string(key) +
             "' before the first 'command'";
      return false;
    }
    RemoteCommand& c = commands->back();
    if (key == "dep") c.deps.push_back(value);
    else if (key == "output") c.outputs.push_back(value);
    else if (key == "output_no_cache") c.outputs_no_cache.push_back(value);
    else if (key == "script") c.script.push_back(value);
    else {
      *err = "command list line " + std::to_string(line_no) + ": unknown key '" +
             std::string(key) + "' (command, dep, output, output_no_cache, script)";
      return false;
    }
  }
  return true;
}

std::string FormatCommandList(const std::vector<RemoteCommand>& commands) {
  std::string out;
  for (const RemoteCommand& c : commands) {
    out += "command " + EscapeField(c.name) + "\n";
    for (const std::string& d : c.deps) out += "dep " + EscapeField(d) + "\n";
    for (const std::string& o : c.outputs) out += "output " + EscapeField(o) + "\n";
    for (const std::string& o : c.outputs_no_cache) out += "output_no_cache " + EscapeField(o) + "\n";
    for (const std::string& s : c.script) out += "script " + EscapeField(s) + "\n";
  }
  return out;
}

}  // namespace wfgen
