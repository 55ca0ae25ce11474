// WriteIfChanged on the fake disk: a file that already holds the content
// keeps its mtime, so Ninja sees no change.
#include "generator/ninja/generate.h"

#include <gtest/gtest.h>

#include "runtime/base/disk_fake.h"

namespace wfgen {
namespace {

TEST(WriteIfChangedTest, MakesTheDirectoriesAndWritesANewFile) {
  FakeDisk disk;
  std::string err;
  ASSERT_TRUE(WriteIfChanged(&disk, "/b/.wfgen/steps/train.step", "spec\n", &err)) << err;
  EXPECT_EQ(disk.Contents("/b/.wfgen/steps/train.step"), "spec\n");
}

TEST(WriteIfChangedTest, TheSameContentLeavesTheMtimeAlone) {
  FakeDisk disk;
  disk.Write("/b/build.ninja", "rule x\n");
  int64_t before = disk.Mtime("/b/build.ninja");
  disk.Tick();
  std::string err;
  ASSERT_TRUE(WriteIfChanged(&disk, "/b/build.ninja", "rule x\n", &err)) << err;
  EXPECT_EQ(disk.Mtime("/b/build.ninja"), before);
  ASSERT_TRUE(WriteIfChanged(&disk, "/b/build.ninja", "rule y\n", &err)) << err;
  EXPECT_EQ(disk.Contents("/b/build.ninja"), "rule y\n");
  EXPECT_GT(disk.Mtime("/b/build.ninja"), before);
}

TEST(WriteIfChangedTest, ADirectoryInTheWayIsAnError) {
  FakeDisk disk;
  disk.Write("/b/out", "a file\n");
  std::string err;
  EXPECT_FALSE(WriteIfChanged(&disk, "/b/out/build.ninja", "x\n", &err));
  EXPECT_EQ(err, "cannot create directory /b/out: a file is in the way");
}

}  // namespace
}  // namespace wfgen
