// wfgen-transfer: wfgen's network helper, a table of subcommands.
//
// The network code (libcurl, TLS, git) lives in this separate, dynamically
// linked program so that wfgen-run stays small and static
// (docs/dependencies.md). Each subcommand is one entry below.
#include <curl/curl.h>
#include <stdio.h>
#include <string.h>

#include "runtime/base/disk.h"
#include "transfer/asset_command.h"
#include "transfer/remote/remote_main.h"
#include "version.h"

namespace {

struct Subcommand {
  const char* name;
  // argv[0] is the subcommand's name; every file goes through `disk`.
  int (*run)(wfgen::Disk* disk, int argc, char** argv);
  const char* summary;
};

const Subcommand kSubcommands[] = {
    {"asset", wfgen::RunAssetCommand, "check one project asset and fetch it if needed"},
    {"push", wfgen::RemoteMain, "upload commands' outputs to a remote (weasel's layout)"},
    {"pull", wfgen::RemoteMain, "fetch commands' outputs from a remote (weasel's layout)"},
};

int Usage(FILE* out) {
  fprintf(out, "usage: wfgen-transfer COMMAND [ARGS...]\n\ncommands:\n");
  for (const Subcommand& s : kSubcommands) fprintf(out, "  %-8s %s\n", s.name, s.summary);
  fprintf(out, "\n`wfgen-transfer COMMAND --help` describes one.\n");
  return out == stdout ? 0 : 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return Usage(stderr);
  if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) return Usage(stdout);
  if (!strcmp(argv[1], "--version")) {
    printf("wfgen-transfer %s\n", WFGEN_VERSION);
    return 0;
  }
  // libcurl's one piece of process-wide state, set up before any thread.
  if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    fprintf(stderr, "wfgen: error: cannot initialise libcurl\n");
    return 1;
  }
  // The one file system of the process; the subcommand is given it.
  wfgen::RealDisk disk;
  int rc = -1;
  for (const Subcommand& s : kSubcommands) {
    if (!strcmp(argv[1], s.name)) rc = s.run(&disk, argc - 1, argv + 1);
  }
  curl_global_cleanup();
  if (rc == -1) {
    fprintf(stderr, "wfgen: error: unknown command '%s'\n", argv[1]);
    return Usage(stderr);
  }
  return rc;
}
