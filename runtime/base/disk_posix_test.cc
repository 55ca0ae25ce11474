#include <stdlib.h>
#include <unistd.h>

#include <string>

#include "gtest/gtest.h"
#include "runtime/base/disk.h"

namespace wfgen {
namespace {

class RealDiskTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/wfgen-disk-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { system(("rm -rf " + dir_).c_str()); }
  std::string dir_;
  RealDisk disk_;
};

TEST_F(RealDiskTest, WriteNewFileCreatesButNeverReplaces) {
  std::string path = dir_ + "/a.step", err, text;
  ASSERT_TRUE(disk_.WriteNewFile(path, "one\n", &err)) << err;
  ASSERT_TRUE(disk_.ReadFile(path, &text, &err));
  EXPECT_EQ(text, "one\n");
  EXPECT_FALSE(disk_.WriteNewFile(path, "two\n", &err));
  EXPECT_NE(err.find("exists"), std::string::npos) << err;
  ASSERT_TRUE(disk_.ReadFile(path, &text, &err));
  EXPECT_EQ(text, "one\n");
  ASSERT_TRUE(disk_.WriteFileAtomic(path, "two\n", &err)) << err;
  ASSERT_TRUE(disk_.ReadFile(path, &text, &err));
  EXPECT_EQ(text, "two\n");
}

}  // namespace
}  // namespace wfgen
