#include "runtime/base/rooted_disk.h"

#include <gtest/gtest.h>

#include "runtime/base/disk_fake.h"

namespace wfgen {
namespace {

TEST(RootedDiskTest, RelativePathsAreTakenBelowTheDirectory) {
  FakeDisk fake;
  RootedDisk in_dir(&fake, "proj");
  std::string err;
  ASSERT_TRUE(in_dir.MakeDirs(".wfgen/state", &err)) << err;
  ASSERT_TRUE(in_dir.WriteFileAtomic(".wfgen/state/a.rec", "x", &err)) << err;
  EXPECT_EQ(fake.Contents("proj/.wfgen/state/a.rec"), "x");
  fake.Write("/abs/b", "y");
  FileInfo info;
  ASSERT_TRUE(in_dir.Stat("/abs/b", &info, &err)) << err;
  EXPECT_EQ(info.kind, FileKind::kFile);
  ASSERT_TRUE(in_dir.Stat("b", &info, &err)) << err;
  EXPECT_EQ(info.kind, FileKind::kMissing);
  EXPECT_EQ(in_dir.Resolve("a/b"), "proj/a/b");
  EXPECT_EQ(in_dir.Resolve("/a"), "/a");
  EXPECT_EQ(RootedDisk(&fake, ".").Resolve("a"), "a");
}

}  // namespace
}  // namespace wfgen
