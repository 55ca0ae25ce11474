// weasel's md5 checksum of a file or a directory (weasel/util/hashing.py,
// get_checksum), byte for byte. weasel writes it into project.lock for
// every dep and output, compares an asset's `checksum:` with it, and builds
// its remote-storage keys from it (get_content_hash, get_command_hash). The
// one implementation behind the project.lock import
// (generator/ninja/weasel_lock.h), assets (transfer/md5_checksum.h, which
// keeps a stat-keyed cache on top) and remotes (transfer/remote/weasel_hash.h).
//
// weasel, under Python 3.11's pathlib:
//
//     if path.is_file(): md5(path.read_bytes())
//     else: md5 of sub_file.read_bytes() for sub_file in
//           sorted(fp for fp in path.rglob("*") if fp.is_file())
//
// - Only bytes go into the sum, no names.
// - sorted() compares paths part by part (pathlib's `parts`), each part by
//   code point, which for UTF-8 is byte order. That is the order of a
//   depth-first walk taking each directory's names sorted: every file below
//   "a" comes before "a-b", although "a-b" < "a/c" as strings ('-' < '/').
// - rglob("*") yields every name, dot files too, but enters a directory only
//   when `entry.is_dir() and not entry.is_symlink()`
//   (_RecursiveWildcardSelector): a symlink to a directory is not walked and
//   none of its files count. `path` itself is followed when it is a link.
// - is_file() follows symlinks: a link to a file counts with its target's
//   bytes; a dangling link, or one to a fifo or socket, does not.
//
// Symlinked directories follow weasel for every caller. The project.lock
// import used to walk into them (with a loop check); its sum then differed
// from the one weasel wrote into project.lock whenever a dep held a link to
// a directory, so that command was never imported. The point of the import
// is to agree with weasel, so weasel's rule wins.
//
// Where we are not weasel: a subdirectory that cannot be listed is skipped
// by pathlib (it swallows PermissionError) and is an error here, so that no
// caller takes a sum over part of a tree for the whole (an unreadable file
// fails in both); and names that are not UTF-8 sort by their bytes here, by
// their surrogate escapes in Python.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nettle/md5.h>

#include "runtime/base/disk.h"

namespace wfgen {

// Lowercase hex md5 of `bytes`, as hashlib's hexdigest() prints it.
std::string Md5Hex(std::string_view bytes);
// The lowercase hex digest of a nettle md5 context fed elsewhere (a
// download hashes the bytes as they stream in).
std::string FinishMd5(md5_ctx* ctx);

// The files get_checksum(path) reads, in its order, relative to `path`
// ("sub/x"); a plain file gives {""}, the path itself. `info` is path's
// Stat, following symlinks. Neither a file nor a directory is an error,
// as in weasel.
bool WeaselChecksumFiles(Disk* disk, const std::string& path, FileInfo* info,
                         std::vector<std::string>* files, std::string* err);

// md5 over the bytes of `files` (as WeaselChecksumFiles lists them below
// `path`) concatenated, streamed through the disk in constant memory:
// models are gigabytes.
bool Md5OfFiles(Disk* disk, const std::string& path, const std::vector<std::string>& files,
                std::string* hex, std::string* err);

// weasel's get_checksum(path): the two above.
bool WeaselChecksum(Disk* disk, const std::string& path, std::string* hex, std::string* err);

}  // namespace wfgen
