// Deciding whether an asset must be fetched, and fetching it.
//
// The decision is by content (docs/assets.md):
// - with a checksum, what is at dest must have it (file or directory,
//   weasel's md5), else it is fetched;
// - without one, a URL asset keeps an existing non-empty dest unless the
//   URL differs from the one recorded when it was fetched; a git asset
//   keeps it while the record names the same repo/branch/path and the
//   remote still points at the recorded commit;
// - a 0-byte file or an empty directory counts as missing (as in weasel);
// - a private asset (no url, no git) is never fetched: missing is a
//   warning, a wrong checksum an error.
// `Explain` is the same decision, put into words, so the explanation can
// never disagree with what a fetch would do.
#pragma once

#include <functional>
#include <string>

#include "runtime/base/disk.h"
#include "transfer/asset_record.h"
#include "runtime/state/asset_spec.h"
#include "transfer/http_download.h"
#include "transfer/program_runner.h"

namespace wfgen {

struct AssetDecision {
  enum Action { kKeep, kFetch, kPrivateMissing, kPrivateWrong };
  Action action = kKeep;
  std::string why;            // "missing", "checksum differs: expected X, got Y", ...
  ChecksumCache content;      // of what is at dest now, when it was checked
  std::string remote_commit;  // git: what ls-remote said, if asked
};

struct AssetEnv {
  Disk* disk = nullptr;
  ProgramRunner* runner = nullptr;
  std::string project_dir = ".";  // dest is relative to it
  std::string state_dir;          // records go to STATE/assets/
  DownloadOptions download;
};

// `full_dest` is project_dir/dest; `record` may be null.
bool DecideAsset(const AssetSpec& spec, const std::string& full_dest, const AssetRecord* record,
                 AssetEnv* env, AssetDecision* decision, std::string* err);

struct AssetOutcome {
  AssetDecision decision;
  bool fetched = false;
  uint64_t bytes = 0;   // downloaded
  std::string commit;   // git
  std::string warning;  // for a private asset that is missing
};

// Checks the spec, decides, and (unless `dry`) fetches and records. *err
// is the whole cause without the "asset 'DEST':" prefix, e.g.
// "https://host/x: 404 Not Found".
bool FetchAsset(const AssetSpec& spec, bool dry, AssetEnv* env, AssetOutcome* outcome,
                std::string* err);

}  // namespace wfgen
