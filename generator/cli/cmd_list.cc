// `wfgen list [PROJECT]`: the commands with their help, the workflows with
// their steps. A parallel group is shown as a group, not as `a -> b`.
#include <cstdio>

#include "generator/cli/commands.h"

namespace wfgen {
namespace {}  // namespace

void PrintProjectList(const Workspace& ws, const Settings& in_force) {
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
    printf("\n");
    printf("Remotes (wfgen push REMOTE, wfgen pull REMOTE):\n");
    for (const Remote& r : p.remotes) {
      printf("  %-*s  %s\n", static_cast<int>(width), r.name.c_str(), r.url.c_str());
    }
  }
  if (!p.assets.empty()) {
    if (!p.commands.empty() || !p.workflows.empty()) printf("\n");
    printf("Assets (wfgen assets, or ninja assets; wfgen explain DEST says why):\n");
    for (const Asset& a : p.assets) {
      std::string from = !a.git_repo.empty() ? "git " + a.git_repo
                         : !a.url.empty()    ? a.url
                                             : "private: you add it";
      if (a.outside) from += " (outside the project: never fetched)";
      printf("  %s%s  %s\n", a.dest.c_str(), a.extra ? " (extra)" : "", from.c_str());
    }
  }
  if (!in_force.empty()) {
    printf("\nSettings in force (kept with the build; --reset forgets them):\n");
    for (const std::string& w : in_force.Words()) printf("  %s\n", w.c_str());
  }
}

int ListCommand(const CommandContext& ctx) {
  GenerateOptions gen;
  Settings in_force;
  Workspace ws;
  if (int rc = LoadForCommand(ctx, 0, &gen, &in_force, &ws)) return rc;
  PrintProjectList(ws, in_force);
  return 0;
}

}  // namespace wfgen
