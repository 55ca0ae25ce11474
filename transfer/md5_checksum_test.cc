#include "transfer/md5_checksum.h"

#include <stdlib.h>
#include <sys/stat.h>

#include <fstream>

#include <gtest/gtest.h>

namespace wfgen {
namespace {

class ChecksumTest : public ::testing::Test {
 protected:
  ChecksumTest() {
    char templ[] = "/tmp/wfgen-md5-XXXXXX";
    dir_ = mkdtemp(templ);
  }
  ~ChecksumTest() override {
    if (!HasFailure()) {
      std::string cmd = "rm -rf '" + dir_ + "'";
      if (system(cmd.c_str()) != 0) ADD_FAILURE();
    }
  }
  std::string P(const std::string& rel) const { return dir_ + "/" + rel; }
  void Write(const std::string& rel, const std::string& content) {
    std::string path = P(rel);
    for (size_t i = dir_.size() + 1; i < path.size(); ++i) {
      if (path[i] == '/') mkdir(path.substr(0, i).c_str(), 0777);
    }
    std::ofstream(path, std::ios::binary) << content;
  }
  std::string Sum(const std::string& rel, const ChecksumCache* cache = nullptr,
                  ChecksumCache* out = nullptr, int* read = nullptr) {
    Md5Checksummer sums(&disk_);
    ChecksumCache local;
    std::string err;
    EXPECT_TRUE(sums.Checksum(P(rel), cache, out ? out : &local, &err)) << err;
    if (read) *read = sums.files_read();
    return (out ? out : &local)->md5;
  }

  RealDisk disk_;
  std::string dir_;
};

TEST_F(ChecksumTest, FileIsMd5OfItsBytes) {
  Write("empty", "");
  Write("abc", "abc");
  EXPECT_EQ(Sum("empty"), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(Sum("abc"), "900150983cd24fb0d6963f7d28e17f72");
}

TEST_F(ChecksumTest, DirectoryConcatenatesFilesInPathlibOrder) {
  // pathlib sorts by components: "d/a/c" before "d/a-b" ("a" < "a-b"),
  // though as strings "d/a-b" < "d/a/c".
  Write("d/a-b", "1");
  Write("d/a/c", "2");
  Write("d/.hidden", "3");
  // md5(".hidden" + "a/c" + "a-b" contents) = md5("321")
  EXPECT_EQ(Sum("d"), "caf1a3dfb505ffed0d024130f58c5cfa");
}

TEST_F(ChecksumTest, NeitherFileNorDirectoryIsAnError) {
  Md5Checksummer sums(&disk_);
  ChecksumCache out;
  std::string err;
  EXPECT_FALSE(sums.Checksum(P("missing"), nullptr, &out, &err));
  EXPECT_EQ(err, "cannot get the checksum of " + P("missing") + ": not a file or directory");
}

TEST_F(ChecksumTest, CacheSkipsReadingUnchangedFiles) {
  Write("d/x", "xx");
  Write("d/y/z", "zz");
  ChecksumCache first;
  int read = 0;
  std::string sum = Sum("d", nullptr, &first, &read);
  EXPECT_EQ(read, 2);
  // Taken just now: within the racy margin of the files' mtimes, so the
  // cache is not trusted yet.
  ChecksumCache second;
  EXPECT_EQ(Sum("d", &first, &second, &read), sum);
  EXPECT_EQ(read, 2);
  // As if hashed long after the last change: nothing is read.
  first.hashed_at_ns += 10 * Md5Checksummer::kRacyMarginNs;
  EXPECT_EQ(Sum("d", &first, &second, &read), sum);
  EXPECT_EQ(read, 0);
  // A changed file is read again, and so is everything (one md5 over all).
  Write("d/x", "xxx");
  EXPECT_NE(Sum("d", &first, &second, &read), sum);
  EXPECT_EQ(read, 2);
  // A new file changes the list.
  first = second;
  first.hashed_at_ns += 10 * Md5Checksummer::kRacyMarginNs;
  Write("d/new", "");
  Sum("d", &first, &second, &read);
  EXPECT_EQ(read, 3);
}

TEST_F(ChecksumTest, OwnWriteIsTrustedAtOnce) {
  Write("f", "content");
  ChecksumCache first;
  Sum("f", nullptr, &first);
  first.own_write = true;
  int read = -1;
  ChecksumCache second;
  EXPECT_EQ(Sum("f", &first, &second, &read), first.md5);
  EXPECT_EQ(read, 0);
}

}  // namespace
}  // namespace wfgen
