#include "transfer/remote/aws_credentials.h"

#include <map>

#include <gtest/gtest.h>

#include "runtime/base/disk_fake.h"

namespace wfgen {
namespace {

EnvLookup Env(std::map<std::string, std::string> vars) {
  return [vars](const std::string& n) {
    auto it = vars.find(n);
    return it == vars.end() ? std::string() : it->second;
  };
}

TEST(AwsCredentials, EnvironmentFirstThenProfileFiles) {
  FakeDisk disk;
  std::string err;
  disk.WriteFileAtomic("/h/.aws/credentials",
                       "[default]\naws_access_key_id = DEF\naws_secret_access_key = defsecret\n"
                       "# comment\n[team]\naws_access_key_id=TEAM\naws_secret_access_key=t\n"
                       "aws_session_token = tok\n",
                       &err);
  disk.WriteFileAtomic("/h/.aws/config", "[profile team]\nregion = eu-central-1\n", &err);
  AwsSettings s;
  ASSERT_TRUE(LoadAwsSettings(Env({{"HOME", "/h"}, {"AWS_ACCESS_KEY_ID", "ENV"},
                                   {"AWS_SECRET_ACCESS_KEY", "e"}, {"AWS_PROFILE", "team"}}),
                              &disk, &s, &err))
      << err;
  EXPECT_EQ(s.creds.access_key, "ENV");
  EXPECT_EQ(s.region, "eu-central-1");
  ASSERT_TRUE(LoadAwsSettings(Env({{"HOME", "/h"}, {"AWS_PROFILE", "team"}}), &disk, &s, &err));
  EXPECT_EQ(s.creds.access_key, "TEAM");
  EXPECT_EQ(s.creds.session_token, "tok");
  EXPECT_EQ(s.source.find("t\n"), std::string::npos);
  ASSERT_TRUE(LoadAwsSettings(Env({{"HOME", "/h"}, {"AWS_DEFAULT_REGION", "ap-south-1"}}), &disk,
                              &s, &err));
  EXPECT_EQ(s.creds.access_key, "DEF");
  EXPECT_EQ(s.region, "ap-south-1");
}

TEST(AwsCredentials, MissingCredentialsSayWhatToSet) {
  FakeDisk disk;
  AwsSettings s;
  std::string err;
  EXPECT_FALSE(LoadAwsSettings(Env({{"HOME", "/nohome"}}), &disk, &s, &err));
  EXPECT_EQ(err, "no S3 credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or add "
                 "profile 'default' to /nohome/.aws/credentials");
  EXPECT_TRUE(LoadAwsSettings(Env({{"AWS_ACCESS_KEY_ID", "a"}, {"AWS_SECRET_ACCESS_KEY", "b"}}),
                              &disk, &s, &err));
  EXPECT_EQ(s.region, "us-east-1");
}

}  // namespace
}  // namespace wfgen
