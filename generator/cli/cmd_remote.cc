// `wfgen push [REMOTE] [PROJECT]` and `wfgen pull [REMOTE] [PROJECT]`:
// weasel's push and pull on the loaded project, done by wfgen-transfer (the
// helper beside wfgen, which wfgen-run also runs for --pull/--push), so
// that wfgen itself links no network or archive library. After a pull,
// wfgen's records are written for the commands whose outputs were pulled
// (pulled_records.h), so the next `ninja all` skips them.
#include <stdlib.h>
#include <unistd.h>

#include <cstdio>

#include "generator/cli/cli.h"
#include "generator/cli/commands.h"
#include "generator/ninja/pulled_records.h"
#include "runtime/base/disk.h"
#include "runtime/base/line_format.h"
#include "runtime/base/messages.h"
#include "runtime/base/subprocess.h"
#include "runtime/state/command_list.h"
#include "runtime/state/layout.h"

namespace wfgen {
namespace {

// Copies the helper's output to ours and keeps it.
class EchoSink : public OutputSink {
 public:
  void Write(const char* data, size_t size) override {
    fwrite(data, 1, size, stdout);
    fflush(stdout);
    text.append(data, size);
  }
  std::string text;
};

std::string TransferPath() {
  if (const char* env = getenv("WFGEN_TRANSFER")) {
    if (*env) return env;
  }
  std::string dir = DirName(SelfPath());
  return JoinPath(dir.empty() ? "." : dir, "wfgen-transfer");
}

std::vector<RemoteCommand> CommandsOf(const Project& p) {
  std::vector<RemoteCommand> out;
  for (const Command& c : p.commands) {
    RemoteCommand r;
    r.name = c.name.value;
    for (const Text& t : c.deps) r.deps.push_back(t.value);
    for (const Text& t : c.outputs) r.outputs.push_back(t.value);
    for (const Text& t : c.outputs_no_cache) r.outputs_no_cache.push_back(t.value);
    for (const Text& t : c.script) r.script.push_back(t.value);
    out.push_back(std::move(r));
  }
  return out;
}

// The outputs the helper reported as pulled ("pulled OUTPUT" lines).
std::vector<std::string> PulledOutputs(const std::string& text) {
  std::vector<std::string> out;
  for (std::string_view line : SplitLines(text)) {
    if (line.substr(0, 7) == "pulled ") out.emplace_back(line.substr(7));
  }
  return out;
}

int PushPull(const std::string& verb, const CommandContext& ctx) {
  const std::vector<std::string>& pos = ctx.args.positional;
  std::string name = pos.empty() ? "default" : pos[0];
  GenerateOptions gen;
  Settings in_force;
  Workspace ws;
  if (int rc = LoadForCommand(ctx, 1, &gen, &in_force, &ws)) return rc;
  const Remote* remote = ws.project().FindRemote(name);
  if (!remote) {
    PrintError(ws.project_abs + " has no remote '" + name +
               "'; add it under `remotes:` (a directory or s3://BUCKET/PREFIX), e.g. "
               "`remotes: {" +
               name + ": /shared/cache}`");
    return 2;
  }
  // The command list goes to the helper in a file (its stdin is /dev/null).
  Disk* disk = ctx.disk;
  std::string err,
      list = JoinPath(ws.project_dir,
                      std::string(kWfgenDir) + "/remote-commands." + std::to_string(getpid()));
  if (!disk->MakeDirs(JoinPath(ws.project_dir, kWfgenDir), &err) ||
      !disk->WriteFileAtomic(list, FormatCommandList(CommandsOf(ws.project())), &err)) {
    PrintError(err);
    return 1;
  }
  ProcessRunner runner(10000);
  EchoSink sink;
  LineResult r;
  if (!runner.Init(&err)) {
    r.kind = LineResult::kSpawnFailed;
    r.error = err;
  } else {
    r = runner.Run({TransferPath(), verb, remote->url, "--name", name, "--project", ws.project_dir,
                    "--commands", list},
                   {}, &sink);
    runner.Finish();
  }
  disk->RemoveFile(list, &err);
  if (r.kind == LineResult::kSpawnFailed) {
    PrintError("cannot run " + TransferPath() + ": " + r.error +
               " (build it: it is wfgen's helper)");
    return 1;
  }
  int code = r.kind == LineResult::kExited ? r.code : 128 + r.code;
  if (verb == "pull") {
    // Even after a failure midway: what was pulled is in place and checked.
    std::vector<std::string> written;
    if (!WritePulledRecords(disk, ws.project_dir, ws.project(), PulledOutputs(sink.text), &written,
                            &err)) {
      PrintError("cannot write the records of pulled commands: " + err);
      return 1;
    }
    for (const std::string& c : written) printf("up to date: %s\n", c.c_str());
  }
  return code;
}

}  // namespace

int PushCommand(const CommandContext& ctx) { return PushPull("push", ctx); }
int PullCommand(const CommandContext& ctx) { return PushPull("pull", ctx); }

}  // namespace wfgen
