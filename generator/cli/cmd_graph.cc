// `wfgen graph [WORKFLOW] [PROJECT]`: the workflow as Graphviz dot: steps
// (boxes, parallel groups as clusters), files (notes), data edges, and the
// order edges of the staged schedule (dashed).
#include <cstdio>
#include <set>

#include "generator/cli/commands.h"
#include "generator/run/dry_run.h"
#include "runtime/base/messages.h"

namespace wfgen {
namespace {

std::string Quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";  // dot's line break
      continue;
    }
    out += c;
  }
  return out + "\"";
}

}  // namespace

int GraphCommand(const CommandContext& ctx) {
  const ParsedArgs& args = ctx.args;
  GenerateOptions gen;
  Settings in_force;
  Workspace ws;
  if (int rc = LoadForCommand(ctx, 1, &gen, &in_force, &ws)) return rc;
  const Project& p = ws.project();
  std::string target = args.positional.empty() ? "" : args.positional[0];
  if (target.empty()) {
    target = p.FindWorkflow("all") ? "all" : !p.workflows.empty() ? p.workflows[0].name.value : "";
  }
  if (target.empty() || (!p.FindWorkflow(target) && !p.FindCommand(target))) {
    PrintError("no workflow or command named '" + target + "'");
    return 1;
  }
  std::vector<const PlanStep*> steps = StepsOf(ws.plan, target);
  printf("digraph %s {\n  rankdir=LR;\n  node [fontname=\"Helvetica\", fontsize=11];\n",
         Quote(target).c_str());
  std::set<std::string> files;
  int last_group = -1;
  for (const PlanStep* s : steps) {
    if (s->group != last_group && last_group >= 0) printf("  }\n");
    if (s->group >= 0 && s->group != last_group) {
      const PlanGroup& g = ws.plan.groups[static_cast<size_t>(s->group)];
      printf("  subgraph %s {\n    label=%s; style=dashed;\n", Quote("cluster_" + g.key).c_str(),
             Quote("parallel group " + std::to_string(g.ordinal)).c_str());
    }
    last_group = s->group;
    printf("  %s%s [label=%s, shape=box, style=rounded];\n", s->group >= 0 ? "  " : "",
           Quote("step:" + s->key).c_str(),
           Quote(s->command + (s->workflow.empty() ? "" : "\n#" + std::to_string(s->position)))
               .c_str());
  }
  if (last_group >= 0) printf("  }\n");
  for (const PlanStep* s : steps) {
    const CommandPaths& cp = ws.plan.paths.at(s->command);
    for (const std::string& d : cp.deps) {
      files.insert(d);
      printf("  %s -> %s;\n", Quote("file:" + d).c_str(), Quote("step:" + s->key).c_str());
    }
    for (const std::string& o : cp.outputs) {
      files.insert(o);
      printf("  %s -> %s;\n", Quote("step:" + s->key).c_str(), Quote("file:" + o).c_str());
    }
    if (!s->after.empty()) {
      // After a group, the order edge starts at each member.
      std::vector<std::string> from = {s->after};
      for (const PlanGroup& g : ws.plan.groups) {
        if (g.key == s->after) from = g.members;
      }
      for (const std::string& f : from) {
        printf("  %s -> %s [style=dashed, color=gray];\n", Quote("step:" + f).c_str(),
               Quote("step:" + s->key).c_str());
      }
    }
  }
  // Inside a group (dataflow schedule): the reader waits for the writer.
  std::set<std::string> shown;
  for (const PlanStep* s : steps) shown.insert(s->key);
  for (const GroupRace& r : ws.plan.races) {
    if (!shown.count(r.reader_key) || !shown.count(r.writer_key)) continue;
    printf("  %s -> %s [color=red, penwidth=2, label=%s];\n", Quote("step:" + r.writer_key).c_str(),
           Quote("step:" + r.reader_key).c_str(),
           Quote("reads " + r.path + " (same group)").c_str());
  }
  for (const std::string& f : files) {
    printf("  %s [label=%s, shape=note, color=gray40];\n", Quote("file:" + f).c_str(),
           Quote(f).c_str());
  }
  printf("}\n");
  return 0;
}

}  // namespace wfgen
