#include "transfer/remote/remote_main.h"

#include <stdio.h>
#include <unistd.h>

#include <memory>
#include <string>
#include <vector>

#include "runtime/state/command_list.h"
#include "transfer/remote/aws_credentials.h"
#include "transfer/remote/pull_step.h"
#include "transfer/remote/remote_ops.h"
#include "transfer/remote/store_open.h"
#include "transfer/remote/weasel_lock_write.h"

namespace wfgen {
namespace {

constexpr char kUsage[] =
    "usage: push|pull REMOTE [--name NAME] [--project DIR] [--commands FILE|-] [--no-lock]\n"
    "       pull REMOTE --step [--name NAME] [--project DIR] [--commands FILE|-]\n";

bool ReadAll(FILE* f, std::string* out) {
  char buf[1 << 16];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) out->append(buf, n);
  return !ferror(f);
}

int Fail(const std::string& name, const std::string& msg) {
  fprintf(stderr, "wfgen: error: remote '%s': %s\n", name.c_str(), msg.c_str());
  return 1;
}

}  // namespace

int RemoteMain(Disk* disk, int argc, char** argv) {
  if (argc < 2) {
    fputs(kUsage, stderr);
    return 2;
  }
  std::string verb = argv[0], url = argv[1], name, project = ".", commands_file = "-";
  bool lock = true, step = false;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--no-lock") {
      lock = false;
    } else if (a == "--step" && verb == "pull") {
      step = true;
      lock = false;
    } else if ((a == "--name" || a == "--project" || a == "--commands") && i + 1 < argc) {
      std::string v = argv[++i];
      if (a == "--name") name = v;
      else if (a == "--project") project = v;
      else commands_file = v;
    } else {
      fprintf(stderr, "wfgen: error: unknown argument '%s'\n%s", a.c_str(), kUsage);
      return 2;
    }
  }
  if (verb != "push" && verb != "pull") {
    fprintf(stderr, "wfgen: error: unknown subcommand '%s'\n%s", verb.c_str(), kUsage);
    return 2;
  }
  if (name.empty()) name = url;

  std::string text, err;
  bool read =
      commands_file == "-" ? ReadAll(stdin, &text) : disk->ReadFile(commands_file, &text, &err);
  if (!read) {
    fprintf(stderr, "wfgen: error: cannot read the command list %s\n", commands_file.c_str());
    return 1;
  }
  std::vector<RemoteCommand> commands;
  if (!ParseCommandList(text, &commands, &err)) {
    fprintf(stderr, "wfgen: error: %s\n", err.c_str());
    return 1;
  }

  std::unique_ptr<Store> store;
  if (!OpenStore(url, project, ProcessEnv(), disk, &store, &err)) return Fail(name, err);
  RemoteResult result;
  bool ok = verb == "push" ? Push(disk, project, commands, store.get(), &result, &err)
            : step         ? PullSteps(disk, project, commands, store.get(), &result, &err)
                           : Pull(disk, project, commands, store.get(), &result, &err);
  bool local_failure = false;
  for (const OutputReport& r : result.outputs) {
    printf("%s %s%s%s\n", OutcomeName(r.outcome), r.output.c_str(), r.detail.empty() ? "" : ": ",
           r.detail.c_str());
    if (r.outcome == Outcome::kFailed) local_failure = true;
  }
  fflush(stdout);
  if (!ok) return Fail(name, err);
  if (verb == "pull" && lock && !result.completed.empty() &&
      !WriteWeaselLockEntries(disk, project, commands, result.completed, &err)) {
    fprintf(stderr, "wfgen: error: cannot update project.lock: %s\n", err.c_str());
    return 1;
  }
  if (local_failure) {
    fprintf(stderr, "wfgen: error: remote '%s': some outputs failed (see above)\n", name.c_str());
    return 1;
  }
  return 0;
}

}  // namespace wfgen
