// Where S3 credentials and the region come from, in boto3's order:
// AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (/ AWS_SESSION_TOKEN), then the
// profile AWS_PROFILE (default "default") in the shared credentials file
// (AWS_SHARED_CREDENTIALS_FILE, default ~/.aws/credentials), then in the
// config file (AWS_CONFIG_FILE, default ~/.aws/config, section
// "[profile NAME]" or "[default]"). Region: AWS_REGION, AWS_DEFAULT_REGION,
// the profile's `region`, else us-east-1.
#pragma once

#include <functional>
#include <string>

#include "runtime/base/disk.h"
#include "transfer/remote/sigv4.h"

namespace wfgen {

// Returns the value of an environment variable, "" when unset.
using EnvLookup = std::function<std::string(const std::string&)>;
EnvLookup ProcessEnv();

struct AwsSettings {
  AwsCredentials creds;
  std::string region;
  std::string endpoint_url;  // AWS_ENDPOINT_URL, "" for AWS itself
  std::string source;        // where the keys came from, for messages (never the keys)
};

// False when no credentials are found anywhere (`err` says where it looked)
// or a file cannot be read.
bool LoadAwsSettings(const EnvLookup& env, Disk* disk, AwsSettings* out, std::string* err);

}  // namespace wfgen
