// What wfgen-transfer remembers about an asset it fetched or checked: where
// it came from (url, or git repo/branch/path and commit) and the checksum
// cache of what is at `dest` (md5_checksum.h).
//
// One small file per asset under the state directory given on the command
// line: STATE/assets/<md5 of dest>, in the line format of
// runtime/line_format.h, written atomically. A record that does not parse
// is treated as absent (the asset is then judged by its content alone).
#pragma once

#include <string>

#include "runtime/base/disk.h"
#include "transfer/md5_checksum.h"

namespace wfgen {

struct AssetRecord {
  std::string dest;
  // The source it was fetched from. For a URL asset only `url` is set (the
  // URL as written in the project, before the GitHub rewrite).
  std::string url;
  std::string repo, branch, path, commit;
  ChecksumCache content;
};

std::string RecordPath(const std::string& state_dir, const std::string& dest);

std::string RenderAssetRecord(const AssetRecord& r);
bool ParseAssetRecord(const std::string& text, AssetRecord* r, std::string* err);

// Absent or unreadable: *found = false, no error. A real I/O error: false.
bool LoadAssetRecord(Disk* disk, const std::string& state_dir, const std::string& dest,
                     AssetRecord* r, bool* found, std::string* err);
bool SaveAssetRecord(Disk* disk, const std::string& state_dir, const AssetRecord& r,
                     std::string* err);

}  // namespace wfgen
