// The record of a command's last successful run (weasel's lock entry, one
// small file per command instead of one big project.lock).
//
// A record holds the content hash of the script and of every declared dep
// and output as they were right after the run, plus each file's stat key so
// that an unchanged file need not be read again (fingerprint.h). The last
// line is a checksum of the rest: a truncated or foreign file is detected
// and treated as "no record", never trusted.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "runtime/base/disk.h"

namespace wfgen {

// One file: the key that says "unchanged since hashed" and its hash.
struct FileState {
  std::string rel;  // path below the declared directory ("" for a plain file)
  uint64_t size = 0;
  int64_t mtime_ns = 0;
  int64_t ctime_ns = 0;
  uint64_t ino = 0;
  Hash128 hash;
  bool SameKey(const FileInfo& info) const {
    return info.size == size && info.mtime_ns == mtime_ns && info.ctime_ns == ctime_ns &&
           info.ino == ino;
  }
};

// One declared dep or output.
struct PathState {
  std::string path;  // as declared in project.yml (after interpolation)
  FileKind kind = FileKind::kMissing;
  Hash128 hash;                     // file: its content; dir: all files below it, by name
  FileState self;                   // for a file; for a directory only mtime_ns is used
  std::vector<FileState> children;  // for a directory, sorted by rel
};

struct Record {
  Hash128 script;            // ScriptHash() of the spec that ran
  int64_t hashed_at_ns = 0;  // clock reading taken before hashing started
  std::vector<PathState> deps;
  std::vector<PathState> outs;
};

std::string RenderRecord(const Record& record);
// False (with *err saying why) for a truncated, corrupt or foreign file.
bool ParseRecord(const std::string& text, Record* record, std::string* err);

}  // namespace wfgen
