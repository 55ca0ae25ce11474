#include "transfer/remote/store_open.h"

#include "transfer/remote/store_dir.h"
#include "transfer/remote/store_s3.h"

namespace wfgen {

bool OpenStore(const std::string& url, const std::string& project_dir, const EnvLookup& env,
               Disk* disk, std::unique_ptr<Store>* store, std::string* err) {
  const std::string kSupported =
      "supported: a directory path (local or shared file system), file:///path, s3://BUCKET/PREFIX";
  size_t scheme_end = url.find("://");
  std::string scheme = scheme_end == std::string::npos ? "" : url.substr(0, scheme_end);
  if (scheme.empty() || scheme == "file") {
    std::string path = scheme.empty() ? url : url.substr(7);
    if (path.empty()) {
      *err = "empty remote path";
      return false;
    }
    while (path.size() > 1 && path.back() == '/') path.pop_back();
    if (path[0] != '/') path = JoinPath(project_dir, path);
    *store = std::make_unique<DirStore>(path);
    return true;
  }
  if (scheme == "s3") {
    std::string rest = url.substr(5);
    size_t slash = rest.find('/');
    std::string bucket = rest.substr(0, slash);
    std::string prefix = slash == std::string::npos ? "" : rest.substr(slash + 1);
    while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
    if (bucket.empty()) {
      *err = "no bucket in " + url + " (write s3://BUCKET/PREFIX)";
      return false;
    }
    AwsSettings settings;
    if (!LoadAwsSettings(env, disk, &settings, err)) return false;
    *store = std::make_unique<S3Store>(bucket, prefix, settings);
    return true;
  }
  if (scheme == "gs" || scheme == "az") {
    *err = scheme + ":// remotes are not supported yet (" + kSupported + ")";
    return false;
  }
  *err = "unsupported remote URL scheme '" + scheme + "://' (" + kSupported + ")";
  return false;
}

}  // namespace wfgen
