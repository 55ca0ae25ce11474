// `wfgen explain NAME [PROJECT]`: why a command will (or did) run, from the
// same evaluation wfgen-run makes (runtime/state/evaluate.h), path by path. For a
// workflow: the verdict for each of its steps, as `wfgen run --dry` gives it.
#include <time.h>

#include <cstdio>
#include <set>

#include "generator/cli/commands.h"
#include "generator/ninja/emit.h"
#include "generator/run/dry_run.h"
#include "runtime/base/messages.h"
#include "runtime/state/decide.h"
#include "runtime/state/evaluate.h"
#include "runtime/state/last_run.h"
#include "runtime/state/retry_policy.h"

namespace wfgen {
namespace {

std::string When(int64_t ns) {
  time_t t = static_cast<time_t>(ns / 1000000000LL);
  struct tm tm;
  localtime_r(&t, &tm);
  char buf[64];
  strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

void PrintPaths(const char* title, const std::vector<PathState>& now,
                const std::vector<PathState>* recorded) {
  if (now.empty()) return;
  printf("  %s:\n", title);
  size_t width = 0;
  for (const PathState& p : now) width = std::max(width, p.path.size());
  for (size_t i = 0; i < now.size(); ++i) {
    std::string state;
    if (!recorded) {
      state = now[i].kind == FileKind::kMissing ? "missing" : "(no record to compare with)";
    } else {
      state = DescribeChange((*recorded)[i], now[i]);
      if (state.empty())
        state = now[i].kind == FileKind::kMissing ? "missing, as recorded" : "unchanged";
    }
    printf("    %-*s  %s\n", static_cast<int>(width), now[i].path.c_str(), state.c_str());
  }
}

int ExplainCommandStep(Disk* disk, const Workspace& ws, const Command& c) {
  RootedDisk in_project(disk, ws.project_dir);
  Evaluation ev;
  std::string err;
  StepSpec spec = SpecOf(ws.project(), c, ".");
  if (!Evaluate(&in_project, spec, false, &ev, &err)) {
    PrintError(err);
    return 1;
  }
  const std::string& name = c.name.value;
  printf("%s: %s: %s\n", name.c_str(), ev.decision.run ? "would run now" : "would be skipped now",
         ev.decision.Explain().c_str());
  const Record* rec = ev.record.get();
  bool lists_match = rec && rec->deps.size() == ev.current.deps.size() &&
                     rec->outs.size() == ev.current.outs.size();
  if (rec) {
    for (size_t i = 0; lists_match && i < rec->deps.size(); ++i)
      lists_match = rec->deps[i].path == ev.current.deps[i].path;
    for (size_t i = 0; lists_match && i < rec->outs.size(); ++i)
      lists_match = rec->outs[i].path == ev.current.outs[i].path;
    printf("  script: %s\n", rec->script == ev.current.script ? "unchanged" : "changed");
  }
  PrintPaths("deps", ev.current.deps, lists_match ? &rec->deps : nullptr);
  PrintPaths("outputs", ev.current.outs, lists_match ? &rec->outs : nullptr);
  if (rec) {
    printf("  last success: %s (%s)\n", When(rec->hashed_at_ns).c_str(),
           JoinPath(ws.project_dir, RecordPath(name)).c_str());
  } else if (!ev.record_error.empty()) {
    printf("  record: unusable (%s)\n", ev.record_error.c_str());
  } else {
    printf("  last success: none recorded\n");
  }
  std::string failed_text, ignored_err;
  FailedRun failed;
  if (disk->ReadFile(JoinPath(ws.project_dir, FailedRunPath(name)), &failed_text, &ignored_err) &&
      ParseFailedRun(failed_text, &failed) && (!rec || failed.ended_ns > rec->hashed_at_ns)) {
    printf("  last run ended: %s%s%s, at %s\n", failed.state.c_str(),
           failed.detail.empty() ? "" : ", ", failed.detail.c_str(), When(failed.ended_ns).c_str());
  }
  std::string retries = DescribeRetries(spec.retries);
  if (!retries.empty()) printf("  retries: %s\n", retries.c_str());
  // The log starts with the reason of the last run that got that far.
  std::string log, ignored;
  if (disk->ReadFile(JoinPath(ws.project_dir, LogPath(name)), &log, &ignored)) {
    std::string first = log.substr(0, log.find('\n'));
    std::string prefix = Note("running '" + name + "': ");
    if (first.compare(0, prefix.size(), prefix) == 0) {
      printf("  last run: because %s (%s)\n", first.substr(prefix.size()).c_str(),
             JoinPath(ws.project_dir, LogPath(name)).c_str());
      // With retries, each attempt's header is in the log: name the last.
      size_t h = log.rfind(Note("---- attempt "));
      if (h != std::string::npos) {
        size_t k = h + 20;  // "K of N of 'name' ..."
        std::string attempts = log.substr(k, log.find(" of '", k) - k);
        printf("  attempts in the last run: %s\n", attempts.c_str());
      }
    }
    // "wfgen: pulled 'NAME' from 'REMOTE' instead of running it: WHY" (remote_cache.h)
    std::string pulled = "wfgen: pulled '" + name + "' from '";
    size_t end = first.find("' instead of running it: ");
    if (first.compare(0, pulled.size(), pulled) == 0 && end != std::string::npos) {
      printf("  last run: pulled from %s, because %s (%s)\n",
             first.substr(pulled.size(), end - pulled.size()).c_str(),
             first.substr(end + 25).c_str(), JoinPath(ws.project_dir, LogPath(name)).c_str());
    }
  }
  return 0;
}

}  // namespace

int ExplainCommand(const CommandContext& ctx) {
  GenerateOptions gen;
  Settings in_force;
  Workspace ws;
  if (int rc = LoadForCommand(ctx, 1, &gen, &in_force, &ws)) return rc;
  const std::string& name = ctx.args.positional[0];
  if (const Command* c = ws.project().FindCommand(name)) {
    return ExplainCommandStep(ctx.disk, ws, *c);
  }
  int status = 0;
  if (!ws.project().FindWorkflow(name) && ExplainAssets(ctx.disk, ws, gen.embed, name, &status)) {
    return status;
  }
  if (!ws.project().FindWorkflow(name)) {
    PrintError("no command, workflow or asset named '" + name + "'");
    return 1;
  }
  RootedDisk in_project(ctx.disk, ws.project_dir);
  std::vector<DryStep> steps;
  std::string err;
  if (!DryRun(ws.project(), ws.plan, name, {}, &in_project, &steps, &err)) {
    PrintError(err);
    return 1;
  }
  for (const DryStep& d : steps) {
    printf("%-10s %s%s: %s\n", d.run ? "would run" : "would skip", d.command.c_str(),
           d.group >= 0 ? " (parallel)" : "", d.why.c_str());
  }
  return 0;
}

}  // namespace wfgen
