#include "transfer/asset_record.h"

#include <gtest/gtest.h>

#include "runtime/base/disk_fake.h"

namespace wfgen {
namespace {

AssetRecord Sample() {
  AssetRecord r;
  r.dest = "assets/x y";
  r.url = "https://h/x";
  r.content.md5 = "900150983cd24fb0d6963f7d28e17f72";
  r.content.hashed_at_ns = 1234;
  r.content.own_write = true;
  r.content.files.push_back({"", {3, 10, 11, 12}});
  r.content.files.push_back({"sub/file name", {4, 20, 21, 22}});
  return r;
}

TEST(AssetRecordTest, RoundTrips) {
  AssetRecord back;
  std::string err;
  ASSERT_TRUE(ParseAssetRecord(RenderAssetRecord(Sample()), &back, &err)) << err;
  EXPECT_EQ(RenderAssetRecord(back), RenderAssetRecord(Sample()));
  EXPECT_EQ(back.content.files[1].rel, "sub/file name");
  EXPECT_EQ(back.content.files[1].key, (StatKey{4, 20, 21, 22}));
  EXPECT_TRUE(back.content.own_write);
}

TEST(AssetRecordTest, TruncatedOrForeignIsRefused) {
  std::string text = RenderAssetRecord(Sample());
  AssetRecord back;
  std::string err;
  EXPECT_FALSE(ParseAssetRecord(text.substr(0, text.size() - 4), &back, &err));
  EXPECT_FALSE(ParseAssetRecord("something else\n", &back, &err));
}

TEST(AssetRecordTest, SavedUnderStateAndLoadedByDest) {
  FakeDisk disk;
  std::string err;
  ASSERT_TRUE(SaveAssetRecord(&disk, "state", Sample(), &err)) << err;
  EXPECT_EQ(RecordPath("state", "assets/x y").substr(0, 13), "state/assets/");
  AssetRecord back;
  bool found = false;
  ASSERT_TRUE(LoadAssetRecord(&disk, "state", "assets/x y", &back, &found, &err)) << err;
  EXPECT_TRUE(found);
  EXPECT_EQ(back.url, "https://h/x");
  ASSERT_TRUE(LoadAssetRecord(&disk, "state", "other", &back, &found, &err)) << err;
  EXPECT_FALSE(found);
}

}  // namespace
}  // namespace wfgen
