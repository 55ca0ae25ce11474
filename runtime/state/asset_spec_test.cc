#include "runtime/state/asset_spec.h"

#include <gtest/gtest.h>

namespace wfgen {
namespace {

TEST(AssetSpecTest, RendersEveryKind) {
  AssetSpec url;
  url.kind = AssetSpec::kUrl;
  url.dest = "assets/a b.txt";
  url.url = "https://h/a";
  url.checksum = "0123456789abcdef0123456789abcdef";
  url.description = "two\nlines";
  EXPECT_EQ(RenderAssetSpec(url), R"(wfgen-asset-spec 1
kind url
dest assets/a b.txt
url https://h/a
checksum 0123456789abcdef0123456789abcdef
description two\nlines
)");
  AssetSpec git;
  git.kind = AssetSpec::kGit;
  git.dest = "assets";
  git.repo = "https://h/r.git";
  git.path = "";
  EXPECT_EQ(RenderAssetSpec(git), R"(wfgen-asset-spec 1
kind git
dest assets
repo https://h/r.git
path 
)");
}

TEST(AssetSpecTest, RoundTrips) {
  AssetSpec s;
  s.kind = AssetSpec::kGit;
  s.dest = "d";
  s.repo = "file:///r";
  s.branch = "v1";
  s.path = "sub dir/x";
  s.checksum = "0123456789abcdef0123456789abcdef";
  s.description = "back\\slash";
  AssetSpec back;
  std::string err;
  ASSERT_TRUE(ParseAssetSpec(RenderAssetSpec(s), &back, &err)) << err;
  EXPECT_EQ(RenderAssetSpec(back), RenderAssetSpec(s));
  EXPECT_EQ(back.description, "back\\slash");
  EXPECT_EQ(back.path, "sub dir/x");
}

TEST(AssetSpecTest, RefusesWhatItDoesNotKnow) {
  AssetSpec s;
  std::string err;
  EXPECT_FALSE(ParseAssetSpec("kind url\n", &s, &err));
  EXPECT_FALSE(ParseAssetSpec("wfgen-asset-spec 1\nkind url\nmirror x\n", &s, &err));
  EXPECT_EQ(err, "unknown key 'mirror' in asset spec");
  EXPECT_FALSE(ParseAssetSpec("wfgen-asset-spec 1\nkind ftp\n", &s, &err));
  EXPECT_FALSE(ParseAssetSpec("wfgen-asset-spec 1\ndest x\n", &s, &err));
  EXPECT_EQ(err, "the asset spec has no 'kind'");
}

TEST(AssetSpecTest, Validates) {
  AssetSpec s;
  s.kind = AssetSpec::kUrl;
  s.dest = "a";
  s.url = "https://h/a";
  std::string err;
  EXPECT_TRUE(ValidateAssetSpec(s, &err)) << err;
  s.checksum = "xyz";
  EXPECT_FALSE(ValidateAssetSpec(s, &err));
  EXPECT_EQ(err, "checksum 'xyz' is not an md5 (32 hex digits)");
  s.checksum.clear();
  s.kind = AssetSpec::kGit;
  s.repo = "https://h/r";
  s.branch = "--orphan";
  EXPECT_FALSE(ValidateAssetSpec(s, &err));
  EXPECT_EQ(err, "the git branch '--orphan' starts with '-'");
}

}  // namespace
}  // namespace wfgen
