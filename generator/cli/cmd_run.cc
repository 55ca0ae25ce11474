// `wfgen run [TARGET] [PROJECT] [--force] [--dry] [-j N] [-k N] [--vars.X=V]`
#include <unistd.h>

#include <climits>
#include <cstdlib>

#include <cstdio>
#include <cstring>
#include <set>

#include "generator/cli/cli.h"
#include "generator/cli/commands.h"
#include "generator/ninja/generate.h"
#include "generator/project/diagnostic.h"
#include "generator/run/dry_run.h"
#include "generator/run/run_loop.h"
#include "generator/run/run_status.h"
#include "generator/run/terminal.h"
#include "generator/run/trace.h"
#include "runtime/base/disk.h"
#include "runtime/base/paths.h"
#include "runtime/state/evaluate.h"
#include "runtime/state/run_lock.h"

namespace wfgen {
namespace {

const char kUsage[] =
    "usage: wfgen run [TARGET] [PROJECT] [--force] [--dry] [-j N] [-k N] [--vars.NAME=VALUE ...]\n"
    "                 [--trace FILE] [--plain] [--schedule staged|dataflow]\n"
    "                 [--launcher local|slurm] [--pull] [--push]\n"
    "\n"
    "Regenerates build.ninja if project.yml changed, then runs ninja for TARGET (a\n"
    "workflow or a command) and shows its progress: a live table on a terminal, one\n"
    "line per event otherwise. Without TARGET, lists what there is to run. The exit\n"
    "status is ninja's.\n"
    "\n"
    "  PROJECT           project directory or project.yml (default: .)\n"
    "  --force           rerun the steps of TARGET even if nothing changed\n"
    "  --dry             run nothing; print what would run, why, and the lines\n"
    "  -j N              run at most N steps at once (ninja -j)\n"
    "  -k N              keep going until N steps failed (ninja -k; 0 = never stop);\n"
    "                    a failing parallel group member then does not stop its group\n"
    "  --trace FILE      write a Chrome/Perfetto trace of the run (one lane per slot)\n"
    "  --plain           one line per event even on a terminal (NO_COLOR: no colours)\n"
    "  --schedule MODE   staged (default) or dataflow, as for `wfgen`\n"
    "  --launcher L      local or slurm, as for `wfgen` (docs/slurm.md)\n"
    "  --pull, --push    use the remote cache, as for `wfgen` (docs/remotes.md)\n"
    "\n"
    "examples:\n"
    "  wfgen run all\n"
    "  wfgen run train --force --vars.gpu=0\n"
    "  wfgen run all --dry\n"
    "  wfgen run all --trace run.json   # open in ui.perfetto.dev\n";

struct RunArgs {
  GenerateOptions gen;
  std::string target;
  bool force = false;
  bool dry = false;
  bool plain = false;
  std::string trace;
  std::vector<std::string> ninja_args;
};

int ParseRunArgs(const std::vector<std::string>& args, RunArgs* out) {
  std::vector<std::string> positional;
  for (size_t i = 0; i < args.size();) {
    const std::string& a = args[i];
    if (a == "-h" || a == "--help") {
      fputs(kUsage, stdout);
      return -1;
    } else if (a == "--force" || a == "-F") {
      out->force = true;
      ++i;
    } else if (a == "--dry" || a == "-D") {
      out->dry = true;
      ++i;
    } else if (a == "--plain") {
      out->plain = true;
      ++i;
    } else if (a == "--trace" && i + 1 < args.size()) {
      out->trace = args[i + 1];
      i += 2;
    } else if (a.compare(0, 8, "--trace=") == 0) {
      out->trace = a.substr(8);
      ++i;
    } else if ((a == "-j" || a == "-k") && i + 1 < args.size()) {
      out->ninja_args.push_back(a);
      out->ninja_args.push_back(args[i + 1]);
      i += 2;
    } else if ((a.compare(0, 2, "-j") == 0 || a.compare(0, 2, "-k") == 0) && a.size() > 2) {
      out->ninja_args.push_back(a);
      ++i;
    } else if (a.compare(0, 10, "--schedule") == 0) {
      std::string v =
          a.size() > 10 && a[10] == '=' ? a.substr(11) : (i + 1 < args.size() ? args[++i] : "");
      ++i;
      if (v == "dataflow") {
        out->gen.schedule = Schedule::kDataflow;
      } else if (v != "staged") {
        fprintf(stderr, "wfgen run: --schedule is staged or dataflow\n");
        return 2;
      }
    } else if (a.compare(0, 10, "--launcher") == 0) {
      std::string v =
          a.size() > 10 && a[10] == '=' ? a.substr(11) : (i + 1 < args.size() ? args[++i] : "");
      ++i;
      if (v != "local" && v != "slurm") {
        fprintf(stderr, "wfgen run: --launcher is local or slurm\n");
        return 2;
      }
      out->gen.launcher = v;
    } else if (a == "--pull" || a == "--push") {
      (a == "--pull" ? out->gen.pull : out->gen.push) = true;
      ++i;
    } else if (a.compare(0, 7, "--vars.") == 0) {
      Override o;
      std::string err;
      if (!ParseOverrideArg(args, &i, &o, &err)) {
        fprintf(stderr, "wfgen run: %s\n", err.c_str());
        return 2;
      }
      out->gen.overrides.push_back(std::move(o));
    } else if (!a.empty() && a[0] == '-') {
      fprintf(stderr, "wfgen run: unknown option '%s'\n\n%s", a.c_str(), kUsage);
      return 2;
    } else {
      positional.push_back(a);
      ++i;
    }
  }
  if (positional.size() > 2) {
    fprintf(stderr, "wfgen run: too many arguments\n\n%s", kUsage);
    return 2;
  }
  if (!positional.empty()) out->target = positional[0];
  std::string project = positional.size() > 1 ? positional[1] : ".";
  RealDisk disk;
  FileInfo info;
  std::string err;
  if (disk.Stat(project, &info, &err) && info.kind == FileKind::kDir) {
    project = JoinPath(project, "project.yml");
  }
  out->gen.project_file = project;
  out->gen.wfgen = SelfPath();
  out->gen.wfgen_run = WrapperPath();
  return 0;
}

// Like weasel's validate_subcommand.
bool CheckTarget(const Project& p, const std::string& target) {
  if (p.FindCommand(target) || p.FindWorkflow(target)) return true;
  std::vector<std::string> names;
  for (const Command& c : p.commands) names.push_back(c.name.value);
  for (const Workflow& w : p.workflows) names.push_back(w.name.value);
  fprintf(stderr, "wfgen run: no command or workflow named '%s' in project.yml\n", target.c_str());
  std::string close = ClosestMatch(target, names);
  if (!close.empty()) fprintf(stderr, "  did you mean '%s'?\n", close.c_str());
  std::string list;
  for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
  fprintf(stderr, "  available: %s\n", list.c_str());
  return false;
}

std::set<std::string> ForcedCommands(const BuildPlan& plan, const std::string& target) {
  std::set<std::string> names;
  for (const PlanStep* s : StepsOf(plan, target)) names.insert(s->command);
  return names;
}

int Dry(const Workspace& ws, const RunArgs& run) {
  RealDisk real;
  RootedDisk disk(&real, ws.project_dir);
  std::set<std::string> forced;
  if (run.force) forced = ForcedCommands(ws.plan, run.target);
  std::vector<DryStep> steps;
  std::string err;
  if (!DryRun(ws.project(), ws.plan, run.target, forced, &disk, &steps, &err)) {
    fprintf(stderr, "wfgen run: %s\n", err.c_str());
    return 1;
  }
  printf("Dry run of '%s': nothing is executed.\n", run.target.c_str());
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

}  // namespace

int RunCommand(const std::vector<std::string>& args) {
  RunArgs run;
  int rc = ParseRunArgs(args, &run);
  if (rc != 0) return rc < 0 ? 0 : rc;
  Workspace ws;
  if (int rc2 = OpenWorkspace(run.gen, &ws)) return rc2;
  if (run.target.empty()) {
    PrintProjectList(ws);
    return 0;
  }
  if (!CheckTarget(ws.project(), run.target)) return 1;
  if (run.dry) return Dry(ws, run);
  // The project is ours from before regeneration (another run's steps read
  // the spec files) until ninja is done; the ninja we start is a
  // descendant, so its steps go ahead (runtime/state/run_lock.h).
  ProjectLock lock;
  std::string lock_err;
  ClaimResult claim = lock.Acquire(
      ws.project_dir, LockWaitFromEnvironment(), &lock_err, nullptr, [](const std::string& holder) {
        fprintf(
            stderr,
            "wfgen run: another run of this project is going on (%s); waiting for it to finish\n",
            holder.c_str());
      });
  if (claim == ClaimResult::kBusy) {
    fprintf(stderr, "wfgen run: %s\n", lock_err.c_str());
    return 1;
  }
  if (claim == ClaimResult::kError) {
    fprintf(stderr, "wfgen run: warning: %s; running without the project lock\n", lock_err.c_str());
  }
  if (int rc2 = WriteWorkspace(run.gen, ws)) return rc2;
  std::vector<std::string> env;
  if (run.force) {
    // Ninja runs only dirty edges: remove the stamps of the target's steps
    // so it starts them, and tell wfgen-run which commands to run anyway.
    std::string names;
    for (const std::string& n : ForcedCommands(ws.plan, run.target))
      names += (names.empty() ? "" : ",") + n;
    env.push_back("WFGEN_FORCE=" + names);
    RealDisk disk;
    std::string err;
    for (const PlanStep* s : StepsOf(ws.plan, run.target)) {
      disk.RemoveFile(JoinPath(ws.build_dir, ".wfgen/stamps/" + s->key), &err);
    }
  }
  NinjaInvocation ninja;
  const char* ninja_bin = getenv("WFGEN_NINJA");
  if (ninja_bin && *ninja_bin) ninja.ninja = ninja_bin;
  ninja.dir = ws.build_dir;
  ninja.args = {"-f", ws.output.substr(ws.build_dir.size() + 1)};
  ninja.args.insert(ninja.args.end(), run.ninja_args.begin(), run.ninja_args.end());
  ninja.args.push_back(run.target);
  ninja.env = env;
  // Steps are named in events by their absolute stamp path, as the wrapper
  // sees it (symlinks resolved).
  char resolved[4096];
  std::string build_dir = realpath(ws.build_dir.c_str(), resolved) ? resolved : ws.build_dir;
  RunStatus status(ws.plan, run.target, build_dir + "/.wfgen/stamps",
                   RelativePath(CurrentDir(), ws.project_dir));
  TerminalInfo term = DetectTerminal();
  if (run.plain) {
    term.is_tty = false;
    term.style.color = false;
  }
  int code = RunNinjaWithStatus(ninja, &status, term);
  if (!run.trace.empty()) {
    std::string err;
    if (!WriteIfChanged(run.trace, RenderTrace(status), &err)) {
      fprintf(stderr, "wfgen run: cannot write the trace: %s\n", err.c_str());
      if (code == 0) code = 1;
    }
  }
  return code;
}

}  // namespace wfgen
