// `wfgen list [PROJECT]`: the commands with their help, the workflows with
// their steps. A parallel group is shown as a group, not as `a -> b`.
#include <cstdio>

#include "generator/cli/commands.h"

namespace wfgen {
namespace {

const char kUsage[] =
    "usage: wfgen list [PROJECT] [--vars.NAME=VALUE ...]\n"
    "\n"
    "Lists the commands of a project (with their help) and its workflows (with\n"
    "their steps; parallel groups as groups).\n"
    "\n"
    "examples:\n"
    "  wfgen list\n"
    "  wfgen list nlp/project.yml\n";

}  // namespace

void PrintProjectList(const Workspace& ws) {
  const Project& p = ws.project();
  if (!p.title.empty()) printf("%s\n\n", p.title.c_str());
  size_t width = 8;
  for (const Command& c : p.commands) width = std::max(width, c.name.value.size());
  for (const Workflow& w : p.workflows) width = std::max(width, w.name.value.size());
  if (!p.commands.empty()) {
    printf("Commands (wfgen run COMMAND, or ninja COMMAND):\n");
    for (const Command& c : p.commands) {
      printf("  %-*s  %s\n", static_cast<int>(width), c.name.value.c_str(), c.help.c_str());
    }
  }
  if (!p.workflows.empty()) {
    if (!p.commands.empty()) printf("\n");
    printf("Workflows (wfgen run WORKFLOW, or ninja WORKFLOW):\n");
    int limit = ws.plan.parallelism;
    for (const Workflow& w : p.workflows) {
      printf("  %s\n", w.name.value.c_str());
      int n = 0;
      for (const WorkflowStep& s : w.steps) {
        ++n;
        if (!s.parallel) {
          printf("    %2d. %s\n", n, s.commands[0].value.c_str());
          continue;
        }
        printf("    %2d. in parallel, at most %d at a time:\n", n, limit);
        for (const Text& t : s.commands) printf("          %s\n", t.value.c_str());
      }
      if (w.steps.empty()) printf("        (no steps)\n");
    }
  }
  if (!p.remotes.empty()) {
    if (!p.commands.empty() || !p.workflows.empty()) printf("\n");
    printf("Remotes (wfgen push REMOTE, wfgen pull REMOTE):\n");
    for (const Remote& r : p.remotes) {
      printf("  %-*s  %s\n", static_cast<int>(width), r.name.c_str(), r.url.c_str());
    }
  }
}

int ListCommand(const std::vector<std::string>& args) {
  CommonArgs common;
  if (!ParseCommonArgs(args, "list", &common)) return 2;
  if (int rc = CheckCommonArgs(common, kUsage, 0, 1); rc >= 0) return rc;
  Workspace ws;
  if (int rc = LoadForCommand(0, &common, &ws)) return rc;
  PrintProjectList(ws);
  return 0;
}

}  // namespace wfgen
