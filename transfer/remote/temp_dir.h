// A temp directory for downloads and archives, inside the project (same
// file system as the outputs, so a rename puts a result in place, and
// nothing outside the project is written). Removed with its contents.
#pragma once

#include <stdlib.h>

#include <string>

#include "runtime/base/disk.h"
#include "transfer/remote/archive.h"

namespace wfgen {

struct TempDir {
  std::string path;  // empty if it could not be created
  explicit TempDir(const std::string& parent) {
    std::string t = JoinPath(parent, ".wfgen-remote-XXXXXX");
    if (mkdtemp(&t[0])) path = t;
  }
  ~TempDir() {
    if (!path.empty()) RemoveTree(path);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

}  // namespace wfgen
