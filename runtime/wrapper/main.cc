// wfgen-run: the per-step wrapper Ninja starts for each dirty step edge.
// Kept small: it parses a few flags and a line-format spec file, and links
// neither yaml-cpp nor re2 nor abseil, because it starts once per step.
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "runtime/base/disk.h"
#include "runtime/state/wrapper_options.h"
#include "runtime/wrapper/step_runner.h"
#include "version.h"

namespace {

const char kUsage[] =
    "usage: wfgen-run [--stamp FILE] [--depfile FILE] [--force] [--no-console]\n"
    "                 [--group FILE --ran FILE] [--pool N:D] [--limit N:D] SPEC [--h HASH]\n"
    "       wfgen-run --replay GROUPFILE --stamp FILE\n"
    "\n"
    "Runs one step of a wfgen project: decides by content whether the step must\n"
    "run, runs its script lines in series and records the result. Ninja starts it;\n"
    "build.ninja written by `wfgen` has the exact command for each step.\n"
    "\n"
    "  --stamp FILE    the step's Ninja output; its mtime moves only when an\n"
    "                  output of the step changed\n"
    "  --depfile FILE  where to list the files inside directory deps/outputs\n"
    "  --force         run even if nothing changed (also: WFGEN_FORCE=NAME|*)\n"
    "  --no-console    output only to the step's log file\n"
    "  --group FILE    the step is a member of this parallel group: on failure it\n"
    "                  stops the other members (unless ninja runs with -k 0)\n"
    "  --ran FILE      touched whenever the member was started (for the replay)\n"
    "  --pool N:D      take a slot of pool N (depth D) and pass it as WFGEN_SLOT\n"
    "  --limit N:D     also hold one of D slots of N (max_parallel_processes)\n"
    "  --replay FILE   print the logs of the group's members, in order\n"
    "  --h HASH        ignored; the generator puts the spec's hash here so that\n"
    "                  Ninja reruns the step when the spec changes\n";

}  // namespace

int main(int argc, char** argv) {
  wfgen::WrapperOptions options;
  std::string err;
  if (!wfgen::ParseWrapperArgs(std::vector<std::string>(argv + 1, argv + argc), &options, &err)) {
    fprintf(stderr, "wfgen-run: %s\n%s", err.c_str(), kUsage);
    return 2;
  }
  if (options.version) {
    printf("wfgen-run %s\n", WFGEN_VERSION);
    return 0;
  }
  if (options.help) {
    fputs(kUsage, stdout);
    return 0;
  }
  // The one file system of the process; everything below is given it.
  wfgen::RealDisk disk;
  if (!options.replay.empty()) return wfgen::ReplayGroup(&disk, options.replay, options.stamp);
  if (options.spec_path.empty()) {
    fputs(kUsage, stderr);
    return 2;
  }
  return wfgen::RunStep(options, &disk);
}
