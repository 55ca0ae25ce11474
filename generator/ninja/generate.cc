#include "generator/ninja/generate.h"

#include <unistd.h>
#include <algorithm>

#include <cstdio>
#include <set>

#include "generator/ninja/emit.h"
#include "generator/ninja/remote_cache.h"
#include "generator/ninja/shown_once.h"
#include "generator/ninja/weasel_lock.h"
#include "generator/project/loader.h"
#include "generator/project/yaml_tree.h"
#include "runtime/base/disk.h"
#include "runtime/base/messages.h"
#include "runtime/base/paths.h"

namespace wfgen {
namespace {

std::string BaseName(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

const char* ScheduleName(Schedule s) { return s == Schedule::kDataflow ? "dataflow" : "staged"; }

// Removes spec files of commands that no longer exist.
void RemoveStaleSpecs(Disk* disk, const std::string& dir, const std::set<std::string>& keep) {
  std::vector<DirEntry> entries;
  std::string err;
  if (!disk->ListDir(dir, &entries, &err)) return;
  for (const DirEntry& e : entries) {
    std::string path = dir + "/" + e.name;
    if (e.kind == FileKind::kFile && !keep.count(path)) disk->RemoveFile(path, &err);
  }
}

// --launcher replaces the top-level `launcher:`; a command's own still
// wins. --retries N sets every command's number of retries; delay,
// backoff and `on:` stay as project.yml says.
void ApplyRunOptions(const GenerateOptions& options, Project* project) {
  if (!options.launcher.empty()) project->launcher = options.launcher;
  if (options.retries >= 0) {
    project->retries.max = options.retries;
    for (Command& c : project->commands) {
      if (c.retries) c.retries->max = options.retries;
    }
  }
}

// A target named like the Ninja file (`-o other.ninja` and a command
// `other.ninja`) would be a second edge for it. False, said, if there is.
bool CheckNinjaFileName(const GenerateOptions& options, const Workspace& ws) {
  std::string build_file = BaseName(ws.output);
  std::string prefix = options.embed.empty() ? "" : options.embed + "/";
  Diagnostics clash;
  for (const Command& c : ws.project().commands) {
    if (prefix + c.name.value == build_file) {
      clash.Error(c.name.loc, "command '" + c.name.value + "' has the name of the Ninja file");
    }
  }
  for (const Workflow& w : ws.project().workflows) {
    if (prefix + w.name.value == build_file) {
      clash.Error(w.name.loc, "workflow '" + w.name.value + "' has the name of the Ninja file");
    }
  }
  if (!clash.has_errors()) return true;
  fputs(clash.Render(options.project_file, ws.source, options.diagnostics).c_str(), stderr);
  PrintLineToStderr(
      Note("rename it, or write the Ninja file under another name (-o); nothing was written"));
  return false;
}

// False, said, if the plan would make a Ninja file over the limit.
bool CheckPlanSize(const GenerateOptions& options, const PlanOptions& plan_options,
                   const Workspace& ws) {
  if (!ws.plan.too_large) return true;
  const Workflow* w = ws.project().FindWorkflow(ws.plan.too_large_in);
  Diagnostics too_large;
  too_large
      .Error(w ? w->name.loc : Loc{},
             std::string(w ? "workflow '" + w->name.value + "'" : "the project") +
                 " would make a Ninja file of more than " +
                 std::to_string(plan_options.max_bytes >> 20) + " MiB")
      .notes.push_back(
          "each step lists its command's deps and outputs and every earlier step "
          "that writes them; split the workflow or declare fewer paths");
  fputs(too_large.Render(options.project_file, ws.source, options.diagnostics).c_str(), stderr);
  PrintLineToStderr(Note("1 error in " + options.project_file + "; nothing was written"));
  return false;
}

// False, said, if members of a parallel group read what a sibling writes
// (under dataflow, only where no order works).
bool CheckGroupRaces(const GenerateOptions& options, const Workspace& ws) {
  Diagnostics races;
  for (const GroupRace& r : ws.plan.races) {
    if (options.schedule == Schedule::kDataflow && !r.cycle) continue;
    Diagnostic& d = races.Error(r.loc, "'" + r.reader + "' in parallel group " +
                                           std::to_string(r.group_ordinal) + " reads '" + r.path +
                                           "', which '" + r.writer + "' in the same group writes");
    if (r.cycle) {
      d.notes.push_back("'" + r.writer + "' also reads what '" + r.reader +
                        "' writes, so no order works; move one of them out of the group");
    } else {
      d.notes.push_back("move '" + r.reader + "' after the group (a step of its own), or use " +
                        "--schedule dataflow, which runs it after '" + r.writer + "'");
    }
  }
  if (!races.has_errors()) return true;
  fputs(races.Render(options.project_file, ws.source).c_str(), stderr);
  fprintf(stderr, "wfgen: %d error%s in %s; nothing was written\n", races.error_count(),
          races.error_count() == 1 ? "" : "s", options.project_file.c_str());
  return false;
}

}  // namespace

bool WriteIfChanged(Disk* disk, const std::string& path, const std::string& content,
                    std::string* err) {
  std::string old, ignored;
  FileInfo info;
  bool known = disk->Stat(path, &info, &ignored);
  if (known && info.kind == FileKind::kFile && info.size == content.size() &&
      disk->ReadFile(path, &old, &ignored) && old == content) {
    return true;
  }
  if (!disk->MakeDirs(DirName(path), err)) return false;
  // A new file is written in place: nothing reads it before build.ninja,
  // written last, names it, and a torn one from a crash differs from what
  // the next generation writes, so it gets replaced. Only replacing a file
  // that may be in use needs the atomic rename.
  if (known && info.kind == FileKind::kMissing && disk->WriteNewFile(path, content, &ignored)) {
    return true;
  }
  return disk->WriteFileAtomic(path, content, err);
}

std::string NinjaFileOf(const GenerateOptions& options) {
  std::string cwd = CurrentDir();
  if (!options.output.empty()) return AbsolutePath(options.output, cwd);
  std::string dir = DirName(AbsolutePath(options.project_file, cwd));
  return JoinPath(dir.empty() ? "/" : dir, "build.ninja");
}

int OpenWorkspace(Disk* disk, const GenerateOptions& options, Workspace* ws) {
  std::string err;
  if (!ReadYamlFile(options.project_file, YamlLimits(), &ws->source, &err)) {
    fprintf(stderr, "%s: error: cannot read the project file (%s)\n", options.project_file.c_str(),
            err.c_str());
    return 2;
  }
  LoadOptions load;
  load.overrides = options.overrides;
  Diagnostics diag;
  bool ok = LoadProject(ws->source, load, &ws->loaded, &diag);
  FilterShownOnce(disk, DirName(AbsolutePath(options.project_file, CurrentDir())), &diag);
  fputs(diag.Render(options.project_file, ws->source, options.diagnostics).c_str(), stderr);
  if (!ok) {
    PrintLineToStderr(Note(std::to_string(diag.error_count()) + " error" +
                           (diag.error_count() == 1 ? "" : "s") + " in " + options.project_file +
                           "; nothing was written"));
    return 2;
  }
  ApplyRunOptions(options, &ws->loaded.project);
  if (!ApplyRemoteCacheOptions(options.pull, options.push, &ws->loaded.project, &err)) {
    PrintError(err);
    return 2;
  }
  std::string cwd = CurrentDir();
  ws->project_abs = AbsolutePath(options.project_file, cwd);
  ws->project_dir = DirName(ws->project_abs);
  if (ws->project_dir.empty()) ws->project_dir = "/";
  ws->output = NinjaFileOf(options);
  ws->build_dir = DirName(ws->output);
  if (ws->build_dir.empty()) ws->build_dir = "/";
  if (!CheckNinjaFileName(options, *ws)) return 2;
  PlanOptions plan_options;
  plan_options.schedule = options.schedule;
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  plan_options.cpus = cpus > 0 ? static_cast<int>(cpus) : 1;
  plan_options.max_bytes = std::max(plan_options.max_bytes, 8 * ws->source.size());
  ws->plan = MakePlan(ws->project(), plan_options);
  if (!CheckPlanSize(options, plan_options, *ws) || !CheckGroupRaces(options, *ws)) return 2;
  return 0;
}

int WriteWorkspace(Disk* disk, const GenerateOptions& options, const Workspace& ws) {
  const Project& project = ws.project();
  EmitOptions emit;
  emit.project_file = RelativePath(ws.build_dir, ws.project_abs);
  emit.build_file = ws.output.substr(ws.build_dir.size() + (ws.build_dir == "/" ? 0 : 1));
  emit.project_prefix = RelativePath(ws.build_dir, ws.project_dir);
  emit.build_dir_abs = ws.build_dir;
  emit.wfgen = options.wfgen;
  emit.wfgen_run = options.wfgen_run;
  // The network helper is installed beside the wrapper.
  emit.wfgen_transfer = DirName(options.wfgen_run) + "/wfgen-transfer";
  for (const Override& o : options.overrides) emit.regen_args.push_back(o.arg);
  if (options.schedule != Schedule::kStaged) {
    emit.regen_args.push_back(std::string("--schedule=") + ScheduleName(options.schedule));
  }
  if (!options.embed.empty()) emit.regen_args.push_back("--embed=" + options.embed);
  if (!options.launcher.empty()) emit.regen_args.push_back("--launcher=" + options.launcher);
  if (options.retries >= 0)
    emit.regen_args.push_back("--retries=" + std::to_string(options.retries));
  if (options.pull) emit.regen_args.push_back("--pull");
  if (options.push) emit.regen_args.push_back("--push");
  emit.embed = options.embed;
  emit.env_read = ws.loaded.env_read;
  EmitResult result = Emit(project, ws.plan, emit);

  // Like weasel, create the project's `directories` whenever it is loaded.
  std::string err;
  for (const Text& d : project.directories) {
    std::string path = IsAbsolute(d.value) ? d.value : JoinPath(ws.project_dir, d.value);
    if (!disk->MakeDirs(path, &err)) PrintWarning(err);
  }

  std::set<std::string> written;
  for (auto& [rel, content] : result.files) {
    std::string path = JoinPath(ws.build_dir, rel);
    if (!WriteIfChanged(disk, path, content, &err)) {
      PrintError("cannot write " + path + ": " + err);
      return 1;
    }
    written.insert(path);
  }
  RemoveStaleSpecs(disk, JoinPath(ws.build_dir, result.meta_dir + "/steps"), written);

  LockImport imported;
  if (!ImportWeaselLock(disk, ws.project_dir, project, &imported, &err)) {
    PrintWarning("could not read weasel's project.lock: " + err);
  } else if (imported.imported > 0) {
    PrintLineToStderr(Note("imported " + std::to_string(imported.imported) + " up-to-date record" +
                           (imported.imported == 1 ? "" : "s") + " from weasel's project.lock (" +
                           std::to_string(imported.stale) + " stale entr" +
                           (imported.stale == 1 ? "y" : "ies") + " will run)"));
  }

  if (!WriteIfChanged(disk, ws.output, result.ninja, &err)) {
    PrintError("cannot write " + ws.output + ": " + err);
    return 1;
  }
  return 0;
}

}  // namespace wfgen
