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

TEST_F(RealDiskTest, StreamFileHandsOverEveryByteInOrder) {
  // Larger than one read, so the bytes come in several chunks.
  std::string bytes;
  for (int i = 0; i < 600000; ++i) bytes += static_cast<char>('a' + i % 26);
  std::string path = dir_ + "/big", err;
  ASSERT_TRUE(disk_.WriteNewFile(path, bytes, &err)) << err;
  std::string got;
  int chunks = 0;
  auto sink = [&](const char* data, size_t n) {
    got.append(data, n);
    ++chunks;
  };
  ASSERT_TRUE(disk_.StreamFile(path, sink, &err)) << err;
  EXPECT_EQ(got, bytes);
  EXPECT_GT(chunks, 1);
  Hash128 streamed, whole = HashBytes(bytes);
  ASSERT_TRUE(disk_.HashFile(path, &streamed, &err)) << err;
  EXPECT_EQ(streamed, whole);
  EXPECT_FALSE(disk_.StreamFile(dir_ + "/missing", sink, &err));
  EXPECT_EQ(err.rfind("cannot open " + dir_ + "/missing: ", 0), 0u) << err;
}

TEST_F(RealDiskTest, SetModeIsWhatStatReports) {
  std::string path = dir_ + "/run.sh", err;
  ASSERT_TRUE(disk_.WriteNewFile(path, "#!/bin/sh\n", &err)) << err;
  ASSERT_TRUE(disk_.SetMode(path, 0750, &err)) << err;
  FileInfo info;
  ASSERT_TRUE(disk_.Stat(path, &info, &err)) << err;
  EXPECT_EQ(info.mode, 0750u);
  EXPECT_FALSE(disk_.SetMode(dir_ + "/missing", 0644, &err));
  EXPECT_NE(err.find("missing"), std::string::npos) << err;
}

}  // namespace
}  // namespace wfgen
