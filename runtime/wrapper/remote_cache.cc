#include "runtime/wrapper/remote_cache.h"

#include <stdlib.h>
#include <unistd.h>

#include "runtime/base/environment.h"
#include "runtime/base/line_format.h"
#include "runtime/base/messages.h"
#include "runtime/state/command_list.h"
#include "runtime/state/layout.h"

namespace wfgen {
namespace {

class CollectSink : public OutputSink {
 public:
  void Write(const char* data, size_t size) override { text.append(data, size); }
  std::string text;
};

std::string TransferPath() {
  if (const char* env = getenv("WFGEN_TRANSFER")) {
    if (*env) return env;
  }
  char buf[4096];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return "wfgen-transfer";
  buf[n] = '\0';
  return JoinPath(DirName(buf), "wfgen-transfer");
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  for (std::string_view l : SplitLines(text)) {
    if (!l.empty()) lines.emplace_back(l);
  }
  return lines;
}

// Runs `wfgen-transfer VERB URL ... [--step]` for this step; false (with a
// warning printed) when it could not be run or reported an error.
bool RunTransfer(const StepSpec& spec, const std::string& verb, Disk* disk, CommandRunner* runner,
                 std::vector<std::string>* lines) {
  RemoteCommand cmd{spec.name, spec.deps, spec.outputs, spec.outputs_no_cache, spec.script};
  std::string list = RemoteListPath(spec.name), err;
  if (!disk->MakeDirs(RemoteListsDir(), &err) ||
      !disk->WriteFileAtomic(list, FormatCommandList({cmd}), &err)) {
    PrintWarning("cannot " + verb + " '" + spec.name + "': " + err);
    return false;
  }
  std::vector<std::string> argv = {
      TransferPath(), verb, spec.remote_url, "--name", spec.remote_name,
      "--project",    ".",  "--commands",    list};
  if (verb == "pull") argv.push_back("--step");
  std::vector<std::string> env = ProcessEnvironment();
  CollectSink sink;
  LineResult r = runner->Run(argv, env, &sink);
  disk->RemoveFile(list, &err);
  *lines = Lines(sink.text);
  if (r.ok()) return true;
  if (runner->StopSignal()) return false;  // the caller handles the stop
  std::string why =
      r.kind == LineResult::kSpawnFailed ? "cannot run " + argv[0] + ": " + r.error : "";
  for (const std::string& l : *lines) {
    if (l.compare(0, 13, "wfgen: error:") == 0) why = l.substr(14);
  }
  if (why.empty()) why = "wfgen-transfer " + verb + " failed";
  PrintWarning(why + (verb == "pull" ? "; running '" + spec.name + "' instead"
                                     : "; '" + spec.name + "' succeeded all the same"));
  return false;
}

}  // namespace

bool PullInsteadOfRunning(const StepSpec& spec, const Decision& decision, Disk* disk,
                          CommandRunner* runner, StepOutput* out) {
  if (!spec.remote_pull || spec.remote_url.empty() || spec.outputs.empty()) return false;
  if (decision.why == Why::kForced || decision.why == Why::kNoSkip) return false;
  std::vector<std::string> lines;
  if (!RunTransfer(spec, "pull", disk, runner, &lines)) return false;
  size_t pulled = 0;
  for (const std::string& l : lines) {
    if (l.compare(0, 7, "pulled ") == 0) {
      ++pulled;
    } else if (l.compare(0, 8, "refused ") == 0) {
      PrintWarning("remote '" + spec.remote_name + "': " + l);
    }
  }
  if (pulled != spec.outputs.size()) return false;
  out->Say("wfgen: pulled '" + spec.name + "' from '" + spec.remote_name +
           "' instead of running it: " + decision.Explain());
  return true;
}

void PushAfterSuccess(const StepSpec& spec, Disk* disk, CommandRunner* runner, StepOutput* out) {
  if (!spec.remote_push || spec.remote_url.empty()) return;
  std::vector<std::string> lines;
  if (!RunTransfer(spec, "push", disk, runner, &lines)) return;
  for (const std::string& l : lines) {
    if (l.compare(0, 7, "pushed ") == 0) out->Say("wfgen: " + l + " to '" + spec.remote_name + "'");
    if (l.compare(0, 7, "failed ") == 0) PrintWarning("remote '" + spec.remote_name + "': " + l);
  }
}

}  // namespace wfgen
