// `wfgen run [TARGET|PATH] [PROJECT] [--force] [--dry] [-j N] [-k N] [--vars.X=V]`
#include <unistd.h>

#include <climits>
#include <cstdlib>

#include <cstdio>
#include <cstring>
#include <set>

#include "generator/cli/cli.h"
#include "generator/cli/commands.h"
#include "generator/ninja/generate.h"
#include "generator/ninja/output_alias.h"
#include "generator/project/diagnostic.h"
#include "generator/run/dry_run.h"
#include "generator/run/run_loop.h"
#include "generator/run/run_status.h"
#include "generator/run/terminal.h"
#include "generator/run/trace.h"
#include "runtime/base/disk.h"
#include "runtime/base/messages.h"
#include "runtime/base/paths.h"
#include "runtime/state/evaluate.h"
#include "runtime/state/layout.h"
#include "runtime/state/run_lock.h"

namespace wfgen {
namespace {

struct RunArgs {
  GenerateOptions gen;
  Settings in_force;
  std::string target;
  bool force = false;
  bool dry = false;
  bool plain = false;
  bool prefix_members = false;
  std::string trace;
  std::vector<std::string> ninja_args;
};

bool ReadRunArgs(const CommandContext& ctx, RunArgs* out) {
  const ParsedArgs& args = ctx.args;
  if (!args.positional.empty()) out->target = args.positional[0];
  out->force = args.Has("--force");
  out->dry = args.Has("--dry");
  out->plain = args.Has("--plain");
  out->prefix_members = args.Get("--group-output") == "prefixed";
  out->trace = args.Get("--trace");
  for (const char* flag : {"-j", "-k"}) {
    if (args.Has(flag)) {
      out->ninja_args.push_back(flag);
      out->ninja_args.push_back(args.Get(flag));
    }
  }
  return OptionsForCommand(ctx, 1, &out->gen, &out->in_force);
}

// A declared output, as project.yml writes it (or as `out/PATH`), becomes
// its alias (generator/ninja/output_alias.h). True when `target` named an
// output; false, with a message, when no step of the default workflow
// writes it.
bool OutputTarget(const Project& p, const BuildPlan& plan, std::string* target, bool* ok) {
  std::string path = CanonicalPath(*target);
  const std::string prefix = kOutputAliasPrefix;
  bool alias = path.compare(0, prefix.size(), prefix) == 0;
  auto aliases = OutputAliases(plan);
  for (const std::string& candidate : {path, alias ? path.substr(prefix.size()) : path}) {
    if (aliases.count(candidate)) {
      *target = prefix + candidate;
      *ok = true;
      return true;
    }
  }
  for (const Command& c : p.commands) {
    for (const std::string& o : plan.paths.at(c.name.value).outputs) {
      if (o != path) continue;
      PrintError("'" + path + "' is written by '" + c.name.value + "', which " +
                 (plan.default_target.empty()
                      ? std::string("no workflow 'all' runs")
                      : "workflow '" + plan.default_target + "' does not run") +
                 "; run the command: wfgen run " + c.name.value);
      *ok = false;
      return true;
    }
  }
  return false;
}

// Like weasel's validate_subcommand.
bool CheckTarget(const Project& p, const std::string& target) {
  if (p.FindCommand(target) || p.FindWorkflow(target)) return true;
  std::vector<std::string> names;
  for (const Command& c : p.commands) names.push_back(c.name.value);
  for (const Workflow& w : p.workflows) names.push_back(w.name.value);
  PrintError("no command or workflow named '" + target + "' in project.yml");
  std::string close = ClosestMatch(target, names);
  if (!close.empty()) fprintf(stderr, "  did you mean '%s'?\n", close.c_str());
  std::string list;
  for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
  fprintf(stderr, "  available: %s\n", list.c_str());
  if (target.find('/') != std::string::npos) {
    fprintf(stderr, "  no command declares '%s' as an output either\n", target.c_str());
  }
  return false;
}

std::set<std::string> ForcedCommands(const BuildPlan& plan, const std::string& target) {
  std::set<std::string> names;
  for (const PlanStep* s : StepsOf(plan, target)) names.insert(s->command);
  return names;
}

int Dry(Disk* disk, const Workspace& ws, const RunArgs& run) {
  RootedDisk in_project(disk, ws.project_dir);
  std::set<std::string> forced;
  if (run.force) forced = ForcedCommands(ws.plan, run.target);
  std::vector<DryStep> steps;
  std::string err;
  if (!DryRun(ws.project(), ws.plan, run.target, forced, &in_project, &steps, &err)) {
    PrintError(err);
    return 1;
  }
  printf("Dry run of '%s': nothing is executed.\n", run.target.c_str());
  if (!run.in_force.empty()) {
    printf("Settings in force: %s\n", SettingsLine(run.in_force).c_str());
  }
  int would = 0;
  for (const DryStep& d : steps) {
    std::string name = d.command + (d.group >= 0 ? " (parallel)" : "");
    if (d.run) {
      ++would;
      printf("would run  %s: %s\n", name.c_str(), d.why.c_str());
      for (const std::string& l : d.lines) printf("    Running command: %s\n", l.c_str());
    } else {
      printf("would skip %s: %s\n", name.c_str(), d.why.c_str());
    }
  }
  printf("%d of %zu step%s would run.\n", would, steps.size(), steps.size() == 1 ? "" : "s");
  return 0;
}

// The target as ninja knows it: a command or workflow as named, or a
// declared output's alias. False, with a message, when it names neither.
bool ResolveTarget(const Project& p, const BuildPlan& plan, std::string* target) {
  bool output_ok = false;
  if (!p.FindCommand(*target) && !p.FindWorkflow(*target) &&
      OutputTarget(p, plan, target, &output_ok)) {
    return output_ok;
  }
  return CheckTarget(p, *target);
}

// The project is ours from before regeneration (another run's steps read
// the spec files) until ninja is done; the ninja we start is a
// descendant, so its steps go ahead (runtime/state/run_lock.h). False when
// another run holds it past the wait; a lock that cannot be taken at all
// only warns.
bool ClaimProject(ProjectLock* lock, const std::string& project_dir) {
  std::string lock_err;
  ClaimResult claim = lock->Acquire(
      project_dir, LockWaitFromEnvironment(), &lock_err, nullptr, [](const std::string& holder) {
        fprintf(
            stderr,
            "wfgen run: another run of this project is going on (%s); waiting for it to finish\n",
            holder.c_str());
      });
  if (claim == ClaimResult::kBusy) {
    PrintError(lock_err);
    return false;
  }
  if (claim == ClaimResult::kError) {
    PrintWarning(lock_err + "; running without the project lock");
  }
  return true;
}

// Ninja runs only dirty edges: remove the stamps of the target's steps
// so it starts them, and tell wfgen-run which commands to run anyway.
std::string ForceTarget(Disk* disk, const Workspace& ws, const std::string& target) {
  std::string names;
  for (const std::string& n : ForcedCommands(ws.plan, target))
    names += (names.empty() ? "" : ",") + n;
  std::string err;
  for (const PlanStep* s : StepsOf(ws.plan, target)) {
    disk->RemoveFile(JoinPath(ws.build_dir, StampPath(MetaDir(""), s->key)), &err);
  }
  return "WFGEN_FORCE=" + names;
}

NinjaInvocation NinjaFor(const Workspace& ws, const RunArgs& run, std::vector<std::string> env) {
  NinjaInvocation ninja;
  const char* ninja_bin = getenv("WFGEN_NINJA");
  if (ninja_bin && *ninja_bin) ninja.ninja = ninja_bin;
  ninja.dir = ws.build_dir;
  ninja.args = {"-f", ws.output.substr(ws.build_dir.size() + 1)};
  ninja.args.insert(ninja.args.end(), run.ninja_args.begin(), run.ninja_args.end());
  ninja.args.push_back(run.target);
  if (run.prefix_members) {
    ninja.prefix_members = true;
    env.push_back("WFGEN_GROUP_OUTPUT=prefixed");  // the replay edges print nothing
  }
  ninja.env = env;
  return ninja;
}

// Runs ninja under the status display; then writes the trace if asked
// (failing to write it fails a run that went well).
int RunWithStatus(Disk* disk, const Workspace& ws, const RunArgs& run,
                  const NinjaInvocation& ninja) {
  // Steps are named in events by their absolute stamp path, as the wrapper
  // sees it (symlinks resolved).
  char resolved[4096];
  std::string build_dir = realpath(ws.build_dir.c_str(), resolved) ? resolved : ws.build_dir;
  RunStatus status(ws.plan, run.target, build_dir + "/" + StampsDir(MetaDir("")),
                   RelativePath(CurrentDir(), ws.project_dir));
  TerminalInfo term = DetectTerminal();
  if (run.plain) {
    term.is_tty = false;
    term.style.color = false;
  }
  int code = RunNinjaWithStatus(ninja, &status, term);
  if (!run.trace.empty()) {
    std::string err;
    if (!WriteIfChanged(disk, run.trace, RenderTrace(status), &err)) {
      PrintError("cannot write the trace: " + err);
      if (code == 0) code = 1;
    }
  }
  return code;
}

}  // namespace

int RunCommand(const CommandContext& ctx) {
  RunArgs run;
  if (!ReadRunArgs(ctx, &run)) return 2;
  Workspace ws;
  if (int rc2 = OpenWorkspace(ctx.disk, run.gen, &ws)) return rc2;
  WarnUndefinedVars(ws, ctx.args.overrides);
  if (run.target.empty()) {
    PrintProjectList(ws, run.in_force);
    return 0;
  }
  if (!ResolveTarget(ws.project(), ws.plan, &run.target)) return 1;
  if (run.dry) return Dry(ctx.disk, ws, run);
  ProjectLock lock(ctx.disk);
  if (!ClaimProject(&lock, ws.project_dir)) return 1;
  if (int rc2 = WriteWorkspace(ctx.disk, run.gen, ws)) return rc2;
  KeepSettings(ctx.disk, run.gen, run.in_force);
  if (!run.in_force.empty()) {
    PrintNote("settings in force: " + SettingsLine(run.in_force) + " (--reset forgets them)");
  }
  std::vector<std::string> env;
  if (run.force) env.push_back(ForceTarget(ctx.disk, ws, run.target));
  return RunWithStatus(ctx.disk, ws, run, NinjaFor(ws, run, env));
}

}  // namespace wfgen
