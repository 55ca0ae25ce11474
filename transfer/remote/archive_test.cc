// Archives: weasel's tarfile reads ours and we read weasel's; hostile
// archives (made with Python's tarfile) are refused and leave nothing.
#include "transfer/remote/archive.h"

#include <unistd.h>

#include <gtest/gtest.h>

#include "runtime/state/weasel_checksum.h"
#include "transfer/remote/remote_test_util.h"
#include "transfer/remote/weasel_hash.h"

namespace wfgen {
namespace {

using test::ListTree;
using test::Python;
using test::TestSpace;

std::string Hash(const std::string& path) {
  RealDisk disk;
  std::string hex, err;
  EXPECT_TRUE(WeaselChecksum(&disk, path, &hex, &err)) << err;
  return hex;
}

TEST(Archive, RoundTripKeepsContentAndLinks) {
  TestSpace s;
  s.Write("p/model/a.txt", "a");
  s.Write("p/model/sub/b.bin", std::string("\0\1\2", 3));
  ASSERT_EQ(symlink("sub/b.bin", s.Path("p/model/link").c_str()), 0);
  std::string before = Hash(s.Path("p/model"));
  ASSERT_TRUE(s.Run({"true"}).exit == 0);
  std::string err;
  ASSERT_TRUE(WriteOutputArchive(s.Path("p"), "model", s.Path("o.tar.gz"), &err)) << err;
  // Python's tarfile (weasel's reader) sees the layout weasel writes.
  EXPECT_EQ(s.Run({"/usr/bin/python3", "-c",
                   "import tarfile,sys; print(' '.join(tarfile.open(sys.argv[1], 'r:gz').getnames()))",
                   s.Path("o.tar.gz")}).output,
            "model model/a.txt model/link model/sub model/sub/b.bin\n");
  RemoveTree(s.Path("p/model"));
  RealDisk disk;
  ASSERT_TRUE(ExtractOutput(&disk, s.Path("p"), "model", s.Path("o.tar.gz"), before, &err)) << err;
  EXPECT_EQ(Hash(s.Path("p/model")), before);
  char target[64] = {};
  ASSERT_GT(readlink(s.Path("p/model/link").c_str(), target, sizeof target), 0);
  EXPECT_STREQ(target, "sub/b.bin");
  EXPECT_EQ(ListTree(s.Path("p")),
            (std::vector<std::string>{"model", "model/a.txt", "model/link", "model/sub",
                                      "model/sub/b.bin"}));
}

TEST(Archive, ReadsWhatWeaselsTarfileWrites) {
  TestSpace s;
  s.Write("p/corpus/train.spacy", "t");
  s.Write("p/corpus/dev/x", "d");
  s.Write("p/one.txt", "1");
  for (const char* out : {"corpus", "one.txt"}) {
    std::string want = Hash(s.Path("p/") + out);
    Python(s, "make_tar.py", {s.Path("w.tar.gz"), "weasel", s.Path("p"), out});
    RemoveTree(s.Path("p/") + out);
    RealDisk disk;
    std::string err;
    ASSERT_TRUE(ExtractOutput(&disk, s.Path("p"), out, s.Path("w.tar.gz"), want, &err)) << err;
    EXPECT_EQ(Hash(s.Path("p/") + out), want);
    unlink(s.Path("w.tar.gz").c_str());
  }
}

struct Hostile {
  const char* kind;
  const char* reason;
};

class HostileArchive : public testing::TestWithParam<Hostile> {};

TEST_P(HostileArchive, IsRefusedAndLeavesNothing) {
  TestSpace s;
  s.Write("p/keep.txt", "k");
  Python(s, "make_tar.py", {s.Path("h.tar.gz"), GetParam().kind, s.Path("p"), "out"});
  RealDisk disk;
  std::string err;
  EXPECT_FALSE(ExtractOutput(&disk, s.Path("p"), "out", s.Path("h.tar.gz"), Md5Hex("ok"), &err));
  EXPECT_NE(err.find(GetParam().reason), std::string::npos) << err;
  EXPECT_EQ(ListTree(s.Path("p")), std::vector<std::string>{"keep.txt"});
  EXPECT_EQ(ListTree(s.dir()), (std::vector<std::string>{"h.tar.gz", "p", "p/keep.txt"}));
  EXPECT_NE(access("/tmp/wfgen-remote-test-evil", F_OK), 0);
}

INSTANTIATE_TEST_SUITE_P(
    Kinds, HostileArchive,
    testing::Values(Hostile{"dotdot", "'..' in its path"}, Hostile{"absolute", "absolute path"},
                    Hostile{"symlink_out", "leaves the project"}, Hostile{"hardlink", "hard link"},
                    Hostile{"device", "not a file, directory or symbolic link"},
                    Hostile{"outside", "not below the output"}),
    [](const testing::TestParamInfo<Hostile>& i) { return std::string(i.param.kind); });

TEST(Archive, WrongContentHashIsRefused) {
  TestSpace s;
  s.Write("p/out", "real");
  std::string err;
  ASSERT_TRUE(WriteOutputArchive(s.Path("p"), "out", s.Path("o.tar.gz"), &err)) << err;
  unlink(s.Path("p/out").c_str());
  RealDisk disk;
  EXPECT_FALSE(ExtractOutput(&disk, s.Path("p"), "out", s.Path("o.tar.gz"), Md5Hex("forged"), &err));
  EXPECT_NE(err.find("content hash"), std::string::npos) << err;
  EXPECT_TRUE(ListTree(s.Path("p")).empty());
}

TEST(Archive, TruncatedArchiveIsRefused) {
  TestSpace s;
  std::string big;
  for (int i = 0; i < 200000; ++i) big += std::to_string(i * 7919);
  s.Write("p/out/big", big);
  std::string want = Hash(s.Path("p/out"));
  std::string err;
  ASSERT_TRUE(WriteOutputArchive(s.Path("p"), "out", s.Path("o.tar.gz"), &err)) << err;
  RemoveTree(s.Path("p/out"));
  std::string bytes = s.Read("o.tar.gz");
  s.Write("t.tar.gz", bytes.substr(0, bytes.size() / 2));
  RealDisk disk;
  EXPECT_FALSE(ExtractOutput(&disk, s.Path("p"), "out", s.Path("t.tar.gz"), want, &err));
  EXPECT_NE(err.find("truncated"), std::string::npos) << err;
  EXPECT_TRUE(ListTree(s.Path("p")).empty());
}

TEST(Archive, ExistingOutputIsNeverReplaced) {
  TestSpace s;
  s.Write("p/out", "new");
  std::string err;
  ASSERT_TRUE(WriteOutputArchive(s.Path("p"), "out", s.Path("o.tar.gz"), &err)) << err;
  s.Write("p/out", "local edit");
  RealDisk disk;
  EXPECT_FALSE(ExtractOutput(&disk, s.Path("p"), "out", s.Path("o.tar.gz"), Md5Hex("new"), &err));
  EXPECT_EQ(s.Read("p/out"), "local edit");
}

}  // namespace
}  // namespace wfgen
