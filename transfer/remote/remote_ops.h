// weasel's `push` and `pull` on plain data: the commands as project.yml
// declares them (after interpolation), a project directory and a Store.
// The result is one report per output, for the CLI and the live table.
#pragma once

#include <string>
#include <vector>

#include "runtime/base/disk.h"
#include "runtime/state/command_list.h"
#include "transfer/remote/store.h"

namespace wfgen {

enum class Outcome {
  kPushed,         // uploaded
  kAlreadyThere,   // push: the object exists on the remote
  kPulled,         // downloaded, verified, in place
  kPresent,        // pull: the output exists locally, left alone
  kMissing,        // push: the output does not exist locally (or is an empty directory)
  kNotFound,       // pull: no object for this command hash
  kRefused,        // pull: the object failed a check (detail says which)
  kFailed,         // a local error for this output (detail says which)
};
const char* OutcomeName(Outcome o);

struct OutputReport {
  std::string command;
  std::string output;
  Outcome outcome = Outcome::kFailed;
  std::string key;     // the object's key, when one was involved
  std::string detail;  // why, for kRefused and kFailed
};

struct RemoteResult {
  std::vector<OutputReport> outputs;
  // pull: commands whose deps and outputs all exist afterwards: weasel
  // writes their project.lock entries (WriteWeaselLockEntries).
  std::vector<std::string> completed;
  // Commands skipped because a dep is missing (weasel skips them silently).
  std::vector<std::string> skipped;
};

// weasel's key for an output: quote_plus(output)/command/content.
std::string ObjectKey(const std::string& output, const std::string& command_hash,
                      const std::string& content_hash);

// For every command whose deps all exist: each existing, non-empty output
// is uploaded unless its object is there. A store error (network, 403)
// stops the whole push: false, and `err` says why; the reports so far stay.
// A local error for one output is a kFailed report.
bool Push(Disk* disk, const std::string& project_dir, const std::vector<RemoteCommand>& commands,
          Store* store, RemoteResult* result, std::string* err);

// weasel's pull: commands in rounds (a command whose deps another pull
// provides comes after it); for each output missing locally, the newest
// object under its command hash is downloaded into a temp directory in the
// project, checked and unpacked (ExtractOutput). A refused object is
// reported and left out. Store errors stop the pull, as for Push.
bool Pull(Disk* disk, const std::string& project_dir, const std::vector<RemoteCommand>& commands,
          Store* store, RemoteResult* result, std::string* err);

}  // namespace wfgen
