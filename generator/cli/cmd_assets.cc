// `wfgen assets [PROJECT] [--extra] [--dry]`: fetch the project's assets,
// like `weasel assets`, through the asset edges of build.ninja (in the
// download pool, checksummed, resumable: docs/assets.md).
//
// Ninja runs an asset edge when its dest is missing or its spec changed. A
// dest that is there but wrong (a checksum that differs, a git remote that
// moved on) is something only a look at the content can tell, so this
// command first decides every asset by content, exactly as wfgen-transfer
// would, and marks those that must be fetched again (it touches their
// spec file); then `ninja` fetches them all, in parallel. The decision is
// wfgen-transfer's own (`asset --dry`), run as a child: wfgen links no
// network library, and what it says cannot differ from what a fetch does.
#include <cstdio>

#include "generator/cli/cli.h"
#include "generator/cli/commands.h"
#include "generator/ninja/emit.h"
#include "generator/ninja/emit_assets.h"
#include "runtime/base/disk.h"
#include "runtime/base/fd.h"
#include "runtime/base/messages.h"
#include "runtime/base/paths.h"
#include "runtime/base/subprocess.h"

namespace wfgen {
namespace {

class StdoutSink : public OutputSink {
 public:
  void Write(const char* data, size_t size) override { WriteFd(1, data, size); }
};

std::string Where(const Asset& a) {
  return "project.yml:" + std::to_string(a.loc.line) + ":" + std::to_string(a.loc.col);
}

// What wfgen-transfer says of one asset with --dry: "asset 'D': would
// fetch: WHY" or "asset 'D': WHY". False (with *err) when it could not
// decide (a git remote that cannot be asked, a private asset whose
// checksum is wrong, a helper that is not there).
struct AssetVerdict {
  bool fetch = false;
  std::string why;
};

class CaptureSink : public OutputSink {
 public:
  void Write(const char* data, size_t size) override { text.append(data, size); }
  std::string text;
};

bool AskTransfer(const Workspace& ws, const std::string& meta, const Asset& a,
                 AssetVerdict* verdict, std::string* err) {
  std::vector<std::string> argv = {DirName(WrapperPath()) + "/wfgen-transfer",
                                   "asset",
                                   "--dry",
                                   "--project",
                                   ws.project_dir,
                                   "--state",
                                   JoinPath(ws.build_dir, meta + "/state"),
                                   "--dest",
                                   a.dest};
  if (!a.git_repo.empty()) {
    argv.insert(argv.end(), {"--repo", a.git_repo, "--path", a.git_path});
    if (!a.git_branch.empty()) argv.insert(argv.end(), {"--branch", a.git_branch});
  } else {
    argv.insert(argv.end(), {"--url", a.url});
  }
  if (!a.checksum.empty()) argv.insert(argv.end(), {"--checksum", a.checksum});
  ProcessRunner runner(10000);
  CaptureSink out;
  if (!runner.Init(err)) return false;
  LineResult r = runner.Run(argv, {}, &out);
  runner.Finish();
  std::string text = out.text;
  while (!text.empty() && text.back() == '\n') text.pop_back();
  if (!r.ok()) {
    *err = r.kind == LineResult::kSpawnFailed ? "cannot run " + argv[0] + ": " + r.error : text;
    // The helper's own "wfgen: error: asset 'D': " prefix is ours to add.
    std::string prefix = "wfgen: error: asset '" + a.dest + "': ";
    if (err->compare(0, prefix.size(), prefix) == 0) *err = err->substr(prefix.size());
    return false;
  }
  std::string head = "asset '" + a.dest + "': ";
  size_t at = text.rfind(head);
  if (at == std::string::npos) {
    *err = "unexpected answer from wfgen-transfer: " + text;
    return false;
  }
  std::string rest = text.substr(at + head.size());
  verdict->fetch = rest.compare(0, 13, "would fetch: ") == 0;
  verdict->why = verdict->fetch ? rest.substr(13) : rest;
  return true;
}

}  // namespace

bool ExplainAssets(Disk* disk, const Workspace& ws, const std::string& embed,
                   const std::string& name, int* status) {
  const Asset* only = nullptr;
  for (const Asset& a : ws.project().assets) {
    if (CanonicalPath(a.dest) == CanonicalPath(name)) only = &a;
  }
  if (!only && name != "assets") return false;
  std::string meta = MetaDir(embed);
  *status = 0;
  for (const Asset& a : ws.project().assets) {
    if (only && &a != only) continue;
    std::string kind = !a.git_repo.empty() ? "git " + a.git_repo : !a.url.empty() ? a.url : "";
    if (a.outside) {
      printf("asset %s: never fetched: it is outside the project\n", a.dest.c_str());
      continue;
    }
    if (!a.fetched()) {
      FileInfo info;
      std::string err;
      bool there = disk->Stat(JoinPath(ws.project_dir, a.dest), &info, &err) &&
                   info.kind != FileKind::kMissing;
      printf("asset %s: private (no url or git): %s\n", a.dest.c_str(),
             there ? "present" : "missing, you need to add it yourself");
      continue;
    }
    AssetVerdict v;
    std::string err;
    if (!AskTransfer(ws, meta, a, &v, &err)) {
      PrintError("asset '" + a.dest + "': " + err);
      *status = 1;
      continue;
    }
    // A kept asset's reason says "up to date (...)" itself.
    printf("asset %s: %s%s\n", a.dest.c_str(), v.fetch ? "would be fetched: " : "", v.why.c_str());
    printf("  from: %s%s\n", kind.c_str(), a.extra ? " (extra: only with --extra)" : "");
  }
  return true;
}

namespace {

// What the look at every asset found, for the summary and the exit status.
struct AssetTally {
  int failed = 0;
  int to_fetch = 0;
  int missing_private = 0;
};

// An asset wfgen does not fetch: one outside the project (an error) or a
// private one (a warning when it is missing). False for a fetched asset.
bool CheckUnfetched(Disk* disk, const Workspace& ws, const Asset& a, AssetTally* tally) {
  if (a.outside) {
    // Never downloaded outside the project (the loader said so too).
    PrintError(Where(a) + ": asset '" + a.dest +
               "' is outside the project; wfgen does not download it there: put it there "
               "yourself, or give a dest inside the project");
    ++tally->failed;
    return true;
  }
  if (a.fetched()) return false;
  FileInfo info;
  std::string err;
  if (disk->Stat(JoinPath(ws.project_dir, a.dest), &info, &err) &&
      info.kind == FileKind::kMissing) {
    ++tally->missing_private;
    PrintWarning("asset '" + a.dest + "' is missing: you need to add it yourself" +
                 (a.description.empty() ? "" : " (" + a.description + ")"));
  }
  return true;
}

// Ninja sees a newer spec and runs the asset's edge.
void MarkForFetch(Disk* disk, const Workspace& ws, const std::string& meta, const Asset& a) {
  std::string err;
  for (const PlanAsset& pa : ws.plan.assets) {
    if (&ws.project().assets[pa.index] == &a) {
      disk->Touch(JoinPath(ws.build_dir, meta + "/assets/" + pa.key + ".asset"), &err);
    }
  }
}

// Decides every asset asked for by its content; with `dry` prints each
// decision, otherwise marks those to fetch again.
void DecideAssets(Disk* disk, const Workspace& ws, const std::string& meta, bool extra, bool dry,
                  AssetTally* tally) {
  for (const Asset& a : ws.project().assets) {
    if (CheckUnfetched(disk, ws, a, tally)) continue;
    if (a.extra && !extra) continue;
    AssetVerdict v;
    std::string err;
    // A dry decision: it reads the content (md5, cached by stat key) and,
    // for git, asks the remote for its commit; it writes nothing.
    if (!AskTransfer(ws, meta, a, &v, &err)) {
      PrintError("asset '" + a.dest + "': " + err);
      ++tally->failed;
      continue;
    }
    tally->to_fetch += v.fetch;
    if (dry) {
      printf("%s %s: %s\n", v.fetch ? "would fetch" : "up to date ", a.dest.c_str(), v.why.c_str());
    } else if (v.fetch) {
      MarkForFetch(disk, ws, meta, a);
    }
  }
}

// Runs ninja on the assets' targets; 0, or the status to exit with.
int RunAssetEdges(const Workspace& ws, const std::string& meta, bool extra) {
  std::vector<std::string> argv = {"ninja", "-C", ws.build_dir, "-f",
                                   ws.output.substr(ws.build_dir.size() + 1)};
  if (const char* n = getenv("WFGEN_NINJA"); n && *n) argv[0] = n;
  // Ninja's default -j (CPUs + 2) may be below the download pool's depth.
  argv.insert(argv.end(), {"-j", std::to_string(ws.project().max_parallel_downloads)});
  argv.push_back(AssetsTarget(meta, false));
  if (extra) argv.push_back(AssetsTarget(meta, true));
  // Ninja runs in the build directory (-C); the runner keeps our signals
  // for it (Ctrl-C stops ninja, which stops the downloads).
  ProcessRunner runner(10000);
  std::string err;
  if (!runner.Init(&err)) {
    PrintError(err);
    return 1;
  }
  StdoutSink out;
  LineResult r = runner.Run(argv, {}, &out);
  runner.Finish();
  if (!r.ok()) {
    if (r.kind == LineResult::kSpawnFailed) PrintError(r.error);
    return r.kind == LineResult::kExited ? r.code : 1;
  }
  return 0;
}

// Every asset asked for: fetched ones and private ones that are there.
void PrintInPlace(const Project& p, bool extra, int missing_private) {
  size_t n = 0;
  for (const Asset& a : p.assets) n += !a.outside && (extra || !a.extra);
  n -= static_cast<size_t>(missing_private);
  std::string missing =
      missing_private ? ", " + std::to_string(missing_private) + " private missing" : "";
  printf("wfgen: %zu asset%s in place%s.\n", n, n == 1 ? "" : "s", missing.c_str());
}

}  // namespace

int AssetsCommand(const CommandContext& ctx) {
  Disk* disk = ctx.disk;
  GenerateOptions gen;
  Settings in_force;
  Workspace ws;
  if (int rc = LoadForCommand(ctx, 0, &gen, &in_force, &ws)) return rc;
  bool extra = ctx.args.Has("--extra");
  bool dry = ctx.args.Has("--dry");
  if (!dry) {
    if (int rc = WriteWorkspace(disk, gen, ws)) return rc;
  }

  std::string meta = MetaDir(gen.embed);
  AssetTally tally;
  DecideAssets(disk, ws, meta, extra, dry, &tally);
  if (dry) {
    printf("%d asset%s would be fetched.\n", tally.to_fetch, tally.to_fetch == 1 ? "" : "s");
    return tally.failed ? 1 : 0;
  }
  if (!ws.plan.assets.empty()) {
    if (int rc = RunAssetEdges(ws, meta, extra)) return rc;
  }
  if (tally.failed) return 1;
  PrintInPlace(ws.project(), extra, tally.missing_private);
  return 0;
}

}  // namespace wfgen
