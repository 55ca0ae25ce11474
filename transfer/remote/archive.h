// The objects on a remote: a gzip'd PAX tar holding one output, as weasel's
// RemoteStorage.push writes it (tarfile.open(..., "w:gz").add(project_dir /
// path, arcname=path)): the member name is the output path as written in
// project.yml, a directory is archived whole, children in sorted order.
//
// Unpacking is where a remote's content meets the project, so it trusts
// nothing in the archive: see ExtractOutput.
#pragma once

#include <string>

#include "runtime/base/disk.h"

namespace wfgen {

// Writes `project_dir/output` into a new archive at `archive_path` (which
// must not exist; the caller renames it into place).
bool WriteOutputArchive(const std::string& project_dir, const std::string& output,
                        const std::string& archive_path, std::string* err);

// Unpacks `archive_path` into the project, so that `project_dir/output`
// appears with content hash `content_hash` (weasel's get_checksum), or
// nothing changes:
// - every member must be the output path or below it: no absolute names,
//   no "..", nothing else of the project is touched;
// - regular files, directories and symbolic links only; a link must stay
//   inside the project; hard links, devices and fifos are refused;
// - members go into a fresh temp directory beside the output, the content
//   hash is checked there, and only then is the result renamed into place
//   (refused if the output appeared meanwhile);
// - a truncated or corrupt archive is refused, and the temp removed.
// `err` then says why, in words for the user.
bool ExtractOutput(Disk* disk, const std::string& project_dir, const std::string& output,
                   const std::string& archive_path, const std::string& content_hash,
                   std::string* err);

// Removes a tree (lstat-based: never follows a link). For the temp trees.
void RemoveTree(const std::string& path);

}  // namespace wfgen
