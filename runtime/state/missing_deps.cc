#include "runtime/state/missing_deps.h"

namespace wfgen {

std::vector<std::string> MissingDepsMessage(const std::string& command,
                                            const std::vector<std::string>& missing) {
  std::vector<std::string> lines;
  // The first line is weasel's, word for word, once per file.
  for (const std::string& d : missing) {
    lines.push_back("Missing dependency specified by command '" + command + "': " + d);
  }
  lines.push_back(std::string(missing.size() == 1 ? "It is" : "They are") +
                  " made by an earlier step (run it first: `wfgen run WORKFLOW`), or an asset of "
                  "project.yml: fetch assets with `wfgen assets`, or put the file" +
                  (missing.size() == 1 ? "" : "s") + " there by hand.");
  return lines;
}

}  // namespace wfgen
