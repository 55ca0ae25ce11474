#include "transfer/remote/store_open.h"

#include "runtime/state/remote_url.h"
#include "transfer/remote/store_dir.h"
#include "transfer/remote/store_s3.h"

namespace wfgen {

bool OpenStore(const std::string& url, const std::string& project_dir, const EnvLookup& env,
               Disk* disk, std::unique_ptr<Store>* store, std::string* err) {
  RemoteUrl parsed;
  if (!ParseRemoteUrl(url, &parsed, err)) return false;
  if (parsed.kind == RemoteKind::kDirectory) {
    std::string path = parsed.path;
    if (path[0] != '/') path = JoinPath(project_dir, path);
    *store = std::make_unique<DirStore>(path);
    return true;
  }
  AwsSettings settings;
  if (!LoadAwsSettings(env, disk, &settings, err)) return false;
  *store = std::make_unique<S3Store>(parsed.bucket, parsed.prefix, settings);
  return true;
}

}  // namespace wfgen
