#include "transfer/remote/aws_credentials.h"

#include <stdlib.h>

#include <map>

#include "runtime/base/line_format.h"

namespace wfgen {
namespace {

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

// An INI file as botocore reads it: [section], key = value, '#'/';' comments.
using Ini = std::map<std::string, std::map<std::string, std::string>>;

bool ReadIni(Disk* disk, const std::string& path, Ini* ini, std::string* err) {
  FileInfo info;
  if (!disk->Stat(path, &info, err)) return false;
  if (info.kind != FileKind::kFile) return true;
  std::string text;
  if (!disk->ReadFile(path, &text, err)) return false;
  std::string section;
  for (std::string_view raw : SplitLines(text)) {
    std::string line = Trim(std::string(raw));
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    if (line[0] == '[' && line.back() == ']') {
      section = Trim(line.substr(1, line.size() - 2));
      continue;
    }
    size_t eq = line.find('=');
    if (eq == std::string::npos) continue;
    (*ini)[section][Trim(line.substr(0, eq))] = Trim(line.substr(eq + 1));
  }
  return true;
}

}  // namespace

EnvLookup ProcessEnv() {
  return [](const std::string& name) {
    const char* v = getenv(name.c_str());
    return std::string(v ? v : "");
  };
}

bool LoadAwsSettings(const EnvLookup& env, Disk* disk, AwsSettings* out, std::string* err) {
  std::string home = env("HOME");
  std::string profile = env("AWS_PROFILE");
  if (profile.empty()) profile = "default";
  std::string cred_file = env("AWS_SHARED_CREDENTIALS_FILE");
  if (cred_file.empty()) cred_file = home + "/.aws/credentials";
  std::string config_file = env("AWS_CONFIG_FILE");
  if (config_file.empty()) config_file = home + "/.aws/config";
  Ini creds, config;
  if (!ReadIni(disk, cred_file, &creds, err) || !ReadIni(disk, config_file, &config, err)) {
    return false;
  }
  const std::map<std::string, std::string>* conf_section = nullptr;
  std::string conf_name = profile == "default" ? "default" : "profile " + profile;
  if (config.count(conf_name)) conf_section = &config[conf_name];

  out->endpoint_url = env("AWS_ENDPOINT_URL");
  out->region = env("AWS_REGION");
  if (out->region.empty()) out->region = env("AWS_DEFAULT_REGION");
  if (out->region.empty() && conf_section && conf_section->count("region")) {
    out->region = conf_section->at("region");
  }
  if (out->region.empty()) out->region = "us-east-1";

  if (!env("AWS_ACCESS_KEY_ID").empty() && !env("AWS_SECRET_ACCESS_KEY").empty()) {
    out->creds = {env("AWS_ACCESS_KEY_ID"), env("AWS_SECRET_ACCESS_KEY"), env("AWS_SESSION_TOKEN")};
    out->source = "the environment (AWS_ACCESS_KEY_ID)";
    return true;
  }
  auto from = [&](const std::map<std::string, std::string>& s, const std::string& where) {
    auto k = s.find("aws_access_key_id");
    auto v = s.find("aws_secret_access_key");
    if (k == s.end() || v == s.end()) return false;
    auto t = s.find("aws_session_token");
    out->creds = {k->second, v->second, t == s.end() ? "" : t->second};
    out->source = where;
    return true;
  };
  if (creds.count(profile) && from(creds[profile], cred_file + " [" + profile + "]")) return true;
  if (conf_section && from(*conf_section, config_file + " [" + conf_name + "]")) return true;
  *err = "no S3 credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or add profile '" +
         profile + "' to " + cred_file;
  return false;
}

}  // namespace wfgen
