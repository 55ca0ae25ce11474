// `workflows:`: each a list of command names and `parallel:` groups. That
// the names are commands is checked later, in Validate (loader.cc), once
// every command is read.
#include <string>
#include <utility>

#include "generator/project/loader_impl.h"
#include "generator/project/names.h"

namespace wfgen {

void Loader::LoadWorkflows(const YNodePtr& node, Project* p) {
  if (!fields_.ExpectMap(node, "workflows")) return;
  for (auto& [k, v] : node->entries) {
    Workflow w;
    w.name = Text{k->text, k->loc};
    std::string bad = BadName(k->text);
    if (k->text.empty()) {
      diag_->Error(k->loc, "a workflow's name cannot be empty");
    } else if (!bad.empty()) {
      diag_->Error(k->loc, "workflow name '" + k->text + "' " + bad);
    }
    if (v->is_null()) {
      p->workflows.push_back(std::move(w));
      continue;
    }
    if (!fields_.ExpectList(v, "workflow '" + k->text + "'")) continue;
    for (const YNodePtr& item : v->items) {
      WorkflowStep step;
      step.loc = item->loc;
      if (item->is_map()) {
        YNodePtr members = FindChild(item, "parallel");
        if (!members || item->entries.size() != 1) {
          Diagnostic& d = diag_->Error(
              item->loc, "a workflow step is a command name or `parallel: [commands...]`");
          if (!item->entries.empty()) {
            std::string close = ClosestMatch(item->entries[0].first->text, {"parallel"});
            if (!close.empty()) d.notes.push_back("did you mean 'parallel'?");
          }
          continue;
        }
        step.parallel = true;
        if (members->is_null() || (members->is_seq() && members->items.empty())) {
          diag_->Error(members->loc, "empty parallel group in workflow '" + k->text +
                                         "'; list the commands to run in parallel");
          continue;
        }
        if (!fields_.ExpectList(members, "a parallel group")) continue;
        for (const YNodePtr& m : members->items) {
          if (m->is_map() || m->is_seq()) {
            diag_->Error(m->loc, "parallel groups cannot be nested; list command names only")
                .notes.push_back("to run more commands at once, put them all in one group");
            continue;
          }
          Text name;
          if (!fields_.ReadString(m, "a parallel group member", &name)) continue;
          for (const Text& seen : step.commands) {
            if (seen.value == name.value) {
              diag_->Error(m->loc, "'" + name.value + "' is listed twice in one parallel group")
                  .notes.push_back(
                      "a group runs each command once; to run it again, add "
                      "another step after the group");
            }
          }
          step.commands.push_back(std::move(name));
        }
        if (!step.commands.empty()) w.steps.push_back(std::move(step));
        continue;
      }
      Text name;
      if (!fields_.ReadString(item, "a workflow step", &name)) continue;
      step.commands.push_back(std::move(name));
      w.steps.push_back(std::move(step));
    }
    p->workflows.push_back(std::move(w));
  }
}

}  // namespace wfgen
