#include "generator/project/project.h"

namespace wfgen {

const Command* Project::FindCommand(const std::string& name) const {
  for (const Command& c : commands) {
    if (c.name.value == name) return &c;
  }
  return nullptr;
}

const Remote* Project::FindRemote(const std::string& name) const {
  for (const Remote& r : remotes) {
    if (r.name == name) return &r;
  }
  return nullptr;
}

const Workflow* Project::FindWorkflow(const std::string& name) const {
  for (const Workflow& w : workflows) {
    if (w.name.value == name) return &w;
  }
  return nullptr;
}

}  // namespace wfgen
