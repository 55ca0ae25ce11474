// Which Store a remote's URL names:
//   /path, ./path, path, file:///path -> DirStore (local or shared file system)
//   s3://BUCKET[/PREFIX]              -> S3Store
//   gs://, az://, and any other scheme -> an error saying what is supported
// (the rule is runtime/state/remote_url.h, shared with the loader).
#pragma once

#include <memory>
#include <string>

#include "runtime/base/disk.h"
#include "transfer/remote/aws_credentials.h"
#include "transfer/remote/store.h"

namespace wfgen {

// Relative directory paths are taken relative to `project_dir`, as weasel's
// cloudpathlib would resolve them against the working directory: wfgen
// runs commands from the project directory.
bool OpenStore(const std::string& url, const std::string& project_dir, const EnvLookup& env,
               Disk* disk, std::unique_ptr<Store>* store, std::string* err);

}  // namespace wfgen
