#include "runtime/state/asset_url.h"

#include <gtest/gtest.h>

namespace wfgen {
namespace {

std::string Convert(const std::string& url) {
  std::string out;
  ConvertGithubUrl(url, &out);
  return out;
}

// Expected values are what weasel's convert_asset_url returns.
TEST(AssetUrlTest, GithubBlobAndTreeBecomeRaw) {
  EXPECT_EQ(Convert("https://github.com/explosion/projects/blob/v3/a/b.jsonl"),
            "https://raw.githubusercontent.com/explosion/projects/v3/a/b.jsonl");
  EXPECT_EQ(Convert("http://github.com/o/r/tree/main/x"),
            "http://raw.githubusercontent.com/o/r/main/x");
  // Every occurrence, left to right, not overlapping: "/tree/blob/" keeps
  // "/blob/" (re.sub resumes after the first match).
  EXPECT_EQ(Convert("https://github.com/o/r/tree/blob/x"),
            "https://raw.githubusercontent.com/o/r/blob/x");
  EXPECT_EQ(Convert("https://github.com/o/r/blob/main/github.com/blob/f"),
            "https://raw.githubusercontent.com/o/r/main/raw.githubusercontent.com/f");
}

TEST(AssetUrlTest, LeftAlone) {
  for (const char* url : {
           "https://github.com/o/r/releases/download/v1/m.tar.gz",
           "https://github.com/o/r/raw/main/f.txt",
           "https://raw.githubusercontent.com/o/r/main/f.txt",
           "https://example.com/github.com/blob/x",
           "ftp://github.com/o/r/blob/x",
           "https://www.github.com/o/r/blob/x",
       }) {
    std::string out;
    EXPECT_FALSE(ConvertGithubUrl(url, &out)) << url;
    EXPECT_EQ(out, url);
  }
}

TEST(AssetUrlTest, RegexDotAsInWeasel) {
  // weasel's pattern has an unescaped '.', so "githubXcom" matches too; the
  // replacement of the literal "github.com" then does nothing.
  std::string out;
  EXPECT_TRUE(ConvertGithubUrl("https://githubXcom/o/blob/x", &out));
  EXPECT_EQ(Convert("https://githubXcom/o/blob/x"), "https://githubXcom/o/x");
}

TEST(AssetUrlTest, Schemes) {
  std::string err;
  EXPECT_TRUE(CheckUrlScheme("https://a/b", &err));
  EXPECT_TRUE(CheckUrlScheme("HTTP://a/b", &err));
  EXPECT_FALSE(CheckUrlScheme("s3://bucket/key", &err));
  EXPECT_EQ(err, "unsupported URL scheme 's3': only http:// and https:// assets are downloaded");
  EXPECT_FALSE(CheckUrlScheme("assets/local.txt", &err));
  EXPECT_FALSE(CheckUrlScheme("https://a/b\nc", &err));
}

TEST(AssetUrlTest, RelativePaths) {
  std::string err;
  EXPECT_TRUE(CheckRelativePath("assets/a..b/c..", "dest", false, &err));
  EXPECT_TRUE(CheckRelativePath("./a", "dest", false, &err));
  EXPECT_FALSE(CheckRelativePath("a/..", "dest", false, &err));
  EXPECT_FALSE(CheckRelativePath("..", "dest", false, &err));
  EXPECT_FALSE(CheckRelativePath("/a", "dest", false, &err));
  EXPECT_FALSE(CheckRelativePath("", "dest", false, &err));
  EXPECT_TRUE(CheckRelativePath("", "git path", true, &err));
}

TEST(AssetUrlTest, Repos) {
  std::string err;
  EXPECT_TRUE(CheckRepo("https://github.com/o/r", &err));
  EXPECT_TRUE(CheckRepo("git@github.com:o/r.git", &err));
  EXPECT_FALSE(CheckRepo("-uhttps://x", &err));
  EXPECT_FALSE(CheckRepo("", &err));
}

}  // namespace
}  // namespace wfgen
