#include "generator/project/project.h"

namespace wfgen {

const Command* Project::FindCommand(const std::string& name) const {
  for (const Command& c : commands) {
    if (c.name.value == name) return &c;
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
