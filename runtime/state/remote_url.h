// What a remote's URL (`remotes:` in project.yml) may be. One rule for the
// loader (a line:col error at load time) and for the transfer helper, which
// opens the store (transfer/remote/store_open.h).
#pragma once

#include <string>

namespace wfgen {

enum class RemoteKind { kDirectory, kS3 };

struct RemoteUrl {
  RemoteKind kind = RemoteKind::kDirectory;
  std::string path;    // kDirectory: as written (relative to the project if not absolute)
  std::string bucket;  // kS3
  std::string prefix;  // kS3: without a trailing '/'
};

// A directory path (`/shared/cache`, `cache`, `file:///shared/cache`) or
// `s3://BUCKET[/PREFIX]`. Anything else (gs://, az://, https://, ...) is
// refused with *err saying what is supported.
bool ParseRemoteUrl(const std::string& url, RemoteUrl* out, std::string* err);

// "supported: ..." for messages.
const char* SupportedRemotes();

}  // namespace wfgen
