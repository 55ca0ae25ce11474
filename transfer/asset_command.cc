#include "transfer/asset_command.h"

#include "runtime/base/subprocess.h"
#include "runtime/state/events.h"
#include "transfer/progress_events.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <string>

#include "runtime/base/disk.h"
#include "runtime/state/asset_spec.h"
#include "transfer/asset_fetch.h"
#include "transfer/program_runner.h"
#include "transfer/progress_lines.h"

namespace wfgen {
namespace {

const char kUsage[] =
    "usage: wfgen-transfer asset [--project DIR] [--state DIR] [--dry | --explain] [--progress]\n"
    "                            (--spec FILE | --dest DEST SOURCE [--checksum MD5]\n"
    "                                           [--description TEXT])\n"
    "  SOURCE: --url URL | --repo REPO [--branch BRANCH] --path PATH | --private\n"
    "\n"
    "Makes one project asset present and right at DEST (relative to the project\n"
    "directory): fetches it when it is missing, empty, has the wrong checksum, or\n"
    "came from another URL or commit; keeps it otherwise (docs/assets.md).\n"
    "\n"
    "  --project DIR  the project directory (default: the current directory)\n"
    "  --state DIR    where to keep what was fetched from where (DIR/assets/)\n"
    "  --spec FILE    the asset as the generator writes it (runtime/state/asset_spec.h)\n"
    "  --dry          say what would be done and why; change nothing\n"
    "  --explain      say what is done and why, then do it\n"
    "  --progress     download progress lines on stderr: progress BYTES TOTAL DEST\n"
    "\n"
    "Environment: WFGEN_TRANSFER_ATTEMPTS (5), WFGEN_TRANSFER_BACKOFF_MS (1000),\n"
    "WFGEN_TRANSFER_LOW_SPEED_LIMIT (bytes/s, 1000), WFGEN_TRANSFER_LOW_SPEED_TIME\n"
    "(s, 30); proxies from http_proxy, https_proxy, all_proxy, no_proxy (libcurl).\n";

int Usage(const std::string& why) {
  fprintf(stderr, "wfgen: error: %s\n%s", why.c_str(), kUsage);
  return 2;
}

struct AssetArgs {
  AssetSpec spec;  // from the flags; replaced by --spec's file
  std::string spec_file, project = ".", state;
  bool dry = false, explain = false, progress = false, have_source = false, have_path = false;
};

// False when the command ends here (--help, or a usage error), with its
// exit status in *code.
bool ParseAssetArgs(int argc, char** argv, AssetArgs* args, int* code) {
  AssetSpec& spec = args->spec;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](std::string* out) {
      if (i + 1 >= argc) return false;
      *out = argv[++i];
      return true;
    };
    bool ok = true;
    if (a == "--spec") {
      ok = value(&args->spec_file);
    } else if (a == "--project") {
      ok = value(&args->project);
    } else if (a == "--state") {
      ok = value(&args->state);
    } else if (a == "--dest") {
      ok = value(&spec.dest);
    } else if (a == "--url") {
      ok = value(&spec.url);
      spec.kind = AssetSpec::kUrl;
      args->have_source = true;
    } else if (a == "--repo") {
      ok = value(&spec.repo);
      spec.kind = AssetSpec::kGit;
      args->have_source = true;
    } else if (a == "--branch") {
      ok = value(&spec.branch);
    } else if (a == "--path") {
      ok = value(&spec.path);
      args->have_path = true;
    } else if (a == "--private") {
      spec.kind = AssetSpec::kPrivate;
      args->have_source = true;
    } else if (a == "--checksum") {
      ok = value(&spec.checksum);
    } else if (a == "--description") {
      ok = value(&spec.description);
    } else if (a == "--dry") {
      args->dry = true;
    } else if (a == "--explain") {
      args->explain = true;
    } else if (a == "--progress") {
      args->progress = true;
    } else if (a == "-h" || a == "--help") {
      fputs(kUsage, stdout);
      *code = 0;
      return false;
    } else {
      *code = Usage("unknown argument '" + a + "'");
      return false;
    }
    if (!ok) {
      *code = Usage(a + " needs a value");
      return false;
    }
  }
  return true;
}

// What was decided (with --dry or --explain) and done; the exit status.
int Report(const AssetArgs& args, const AssetOutcome& outcome, bool ok, const std::string& err) {
  const AssetSpec& spec = args.spec;
  const AssetDecision& d = outcome.decision;
  if ((args.dry || args.explain) && !d.why.empty()) {
    const char* verb =
        d.action == AssetDecision::kFetch ? (args.dry ? "would fetch: " : "fetch: ") : "";
    printf("asset '%s': %s%s\n", spec.dest.c_str(), verb, d.why.c_str());
    fflush(stdout);
  }
  if (!ok) {
    fprintf(stderr, "wfgen: error: asset '%s': %s\n", spec.dest.c_str(), err.c_str());
    return 1;
  }
  if (!outcome.warning.empty()) fprintf(stderr, "wfgen: warning: %s\n", outcome.warning.c_str());
  if (args.explain && outcome.fetched) {
    if (spec.kind == AssetSpec::kGit) {
      printf("asset '%s': fetched commit %s\n", spec.dest.c_str(), outcome.commit.c_str());
    } else {
      printf("asset '%s': fetched %llu bytes\n", spec.dest.c_str(),
             static_cast<unsigned long long>(outcome.bytes));
    }
  }
  return 0;
}

}  // namespace

int RunAssetCommand(Disk* disk, int argc, char** argv) {
  AssetArgs args;
  int code = 0;
  if (!ParseAssetArgs(argc, argv, &args, &code)) return code;
  AssetSpec& spec = args.spec;

  std::string err;
  if (!args.spec_file.empty()) {
    if (!spec.dest.empty() || args.have_source) {
      return Usage("--spec takes no --dest or source flags");
    }
    std::string text;
    if (!disk->ReadFile(args.spec_file, &text, &err) || !ParseAssetSpec(text, &spec, &err)) {
      fprintf(stderr, "wfgen: error: asset spec %s: %s\n", args.spec_file.c_str(), err.c_str());
      return 1;
    }
  } else {
    if (spec.dest.empty() || !args.have_source) {
      return Usage("give --spec FILE, or --dest and a source");
    }
    if (spec.kind == AssetSpec::kGit && !args.have_path) {
      return Usage("a git asset needs --path (\"\" for the whole repository)");
    }
  }

  PosixProgramRunner runner;
  AssetEnv env;
  env.disk = disk;
  env.runner = &runner;
  env.project_dir = args.project;
  env.state_dir = args.state;
  if (!ApplyDownloadEnv([](const char* name) { return static_cast<const char*>(getenv(name)); },
                        &env.download, &err)) {
    fprintf(stderr, "wfgen: error: %s\n", err.c_str());
    return 2;
  }
  ProgressLines lines(2, spec.dest);
  if (args.progress) env.download.progress = &lines;
  // Under `wfgen run`, the asset is a row of the table (progress_events.h).
  EventSender events;
  std::string stamp = args.spec_file.empty() ? "" : AssetEventStamp(args.spec_file);
  std::string label = "asset " + spec.dest;
  ProgressEvents live(&events, stamp, label, MonotonicMs());
  bool report = !args.dry && events.active() && !stamp.empty();
  if (report) {
    events.Send(StepEvent{EventKind::kStart, stamp, label, ""});
    if (!args.progress) env.download.progress = &live;
  }

  AssetOutcome outcome;
  bool ok = FetchAsset(spec, args.dry, &env, &outcome, &err);
  if (report) {
    std::string end = !ok ? "failed " + err : outcome.fetched ? "succeeded" : "skipped";
    events.Send(StepEvent{EventKind::kEnd, stamp, label, end, ok ? 0 : 1});
  }
  return Report(args, outcome, ok, err);
}

}  // namespace wfgen
