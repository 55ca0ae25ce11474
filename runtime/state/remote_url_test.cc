#include "runtime/state/remote_url.h"

#include <gtest/gtest.h>

namespace wfgen {
namespace {

TEST(RemoteUrl, Directories) {
  RemoteUrl u;
  std::string err;
  ASSERT_TRUE(ParseRemoteUrl("/shared/cache/", &u, &err));
  EXPECT_EQ(u.kind, RemoteKind::kDirectory);
  EXPECT_EQ(u.path, "/shared/cache");
  ASSERT_TRUE(ParseRemoteUrl("file:///shared/c", &u, &err));
  EXPECT_EQ(u.path, "/shared/c");
  ASSERT_TRUE(ParseRemoteUrl("cache", &u, &err));
  EXPECT_EQ(u.path, "cache");
  EXPECT_FALSE(ParseRemoteUrl("", &u, &err));
  EXPECT_EQ(err, "empty remote path");
}

TEST(RemoteUrl, S3) {
  RemoteUrl u;
  std::string err;
  ASSERT_TRUE(ParseRemoteUrl("s3://bucket/a/b/", &u, &err));
  EXPECT_EQ(u.kind, RemoteKind::kS3);
  EXPECT_EQ(u.bucket, "bucket");
  EXPECT_EQ(u.prefix, "a/b");
  ASSERT_TRUE(ParseRemoteUrl("s3://bucket", &u, &err));
  EXPECT_EQ(u.prefix, "");
  EXPECT_FALSE(ParseRemoteUrl("s3:///x", &u, &err));
  EXPECT_EQ(err, "no bucket in s3:///x (write s3://BUCKET/PREFIX)");
}

TEST(RemoteUrl, UnsupportedSchemesSayWhatIsSupported) {
  RemoteUrl u;
  std::string err;
  EXPECT_FALSE(ParseRemoteUrl("gs://bucket/x", &u, &err));
  EXPECT_EQ(err, std::string("gs:// remotes are not supported yet (") + SupportedRemotes() + ")");
  EXPECT_FALSE(ParseRemoteUrl("https://example.org/cache", &u, &err));
  EXPECT_EQ(err,
            std::string("unsupported remote URL scheme 'https://' (") + SupportedRemotes() + ")");
}

}  // namespace
}  // namespace wfgen
