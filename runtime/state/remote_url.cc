#include "runtime/state/remote_url.h"

namespace wfgen {

const char* SupportedRemotes() {
  return "supported: a directory path (local or shared file system), file:///path, "
         "s3://BUCKET/PREFIX";
}

bool ParseRemoteUrl(const std::string& url, RemoteUrl* out, std::string* err) {
  *out = RemoteUrl();
  size_t scheme_end = url.find("://");
  std::string scheme = scheme_end == std::string::npos ? "" : url.substr(0, scheme_end);
  if (scheme.empty() || scheme == "file") {
    std::string path = scheme.empty() ? url : url.substr(7);
    if (path.empty()) {
      *err = "empty remote path";
      return false;
    }
    while (path.size() > 1 && path.back() == '/') path.pop_back();
    out->kind = RemoteKind::kDirectory;
    out->path = path;
    return true;
  }
  if (scheme == "s3") {
    std::string rest = url.substr(5);
    size_t slash = rest.find('/');
    out->kind = RemoteKind::kS3;
    out->bucket = rest.substr(0, slash);
    out->prefix = slash == std::string::npos ? "" : rest.substr(slash + 1);
    while (!out->prefix.empty() && out->prefix.back() == '/') out->prefix.pop_back();
    if (out->bucket.empty()) {
      *err = "no bucket in " + url + " (write s3://BUCKET/PREFIX)";
      return false;
    }
    return true;
  }
  if (scheme == "gs" || scheme == "az") {
    *err = scheme + ":// remotes are not supported yet (" + SupportedRemotes() + ")";
    return false;
  }
  *err = "unsupported remote URL scheme '" + scheme + "://' (" + SupportedRemotes() + ")";
  return false;
}

}  // namespace wfgen
