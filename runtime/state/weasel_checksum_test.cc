#include "runtime/state/weasel_checksum.h"

#include <unistd.h>

#include <gtest/gtest.h>

#include "runtime/base/disk_fake.h"
#include "tests/test_space.h"

namespace wfgen {
namespace {

std::vector<std::string> Files(Disk* disk, const std::string& path) {
  FileInfo info;
  std::vector<std::string> files;
  std::string err;
  EXPECT_TRUE(WeaselChecksumFiles(disk, path, &info, &files, &err)) << err;
  return files;
}

std::string Sum(Disk* disk, const std::string& path) {
  std::string hex, err;
  EXPECT_TRUE(WeaselChecksum(disk, path, &hex, &err)) << err;
  return hex;
}

TEST(WeaselChecksum, FileIsMd5OfItsBytes) {
  FakeDisk disk;
  disk.Write("empty", "");
  disk.Write("abc", "abc");
  EXPECT_EQ(Sum(&disk, "empty"), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(Sum(&disk, "abc"), "900150983cd24fb0d6963f7d28e17f72");
  EXPECT_EQ(Files(&disk, "abc"), std::vector<std::string>{""});
  EXPECT_EQ(Md5Hex("abc"), "900150983cd24fb0d6963f7d28e17f72");
}

TEST(WeaselChecksum, DirectoryWalkIsPathlibOrder) {
  FakeDisk disk;
  // The fake lists names in reverse: the order must come from the walk.
  disk.list_reversed = true;
  // The file's bytes are its number in the order of writing.
  const char* written[] = {"a-b", "a/c", ".hidden", "B", "b/x/y/z", "b/x/w", "b0"};
  for (int i = 0; i < 7; ++i) disk.Write(std::string("d/") + written[i], std::to_string(i + 1));
  // "a/c" before "a-b": pathlib compares "a" with "a-b", not "a/" with "a-".
  std::vector<std::string> want = {".hidden", "B", "a/c", "a-b", "b/x/w", "b/x/y/z", "b0"};
  EXPECT_EQ(Files(&disk, "d"), want);
  EXPECT_EQ(Sum(&disk, "d"), Md5Hex("3421657"));
  // Every file's bytes are streamed through the disk once.
  EXPECT_EQ(disk.stream_calls, 7);
}

TEST(WeaselChecksum, EmptyDirectoriesAddNothing) {
  FakeDisk disk;
  disk.Mkdir("empty");
  EXPECT_EQ(Files(&disk, "empty"), std::vector<std::string>{});
  EXPECT_EQ(Sum(&disk, "empty"), Md5Hex(""));
  disk.Mkdir("d/e/f");
  disk.Mkdir("d/g");
  disk.Write("d/e/x", "x");
  disk.Write("d/h", "h");
  EXPECT_EQ(Files(&disk, "d"), (std::vector<std::string>{"e/x", "h"}));
  EXPECT_EQ(Sum(&disk, "d"), Md5Hex("xh"));
  // Names are not in the sum, only bytes in order.
  disk.Write("other/1", "x");
  disk.Write("other/2", "h");
  EXPECT_EQ(Sum(&disk, "other"), Sum(&disk, "d"));
}

TEST(WeaselChecksum, NeitherFileNorDirectoryIsAnError) {
  FakeDisk disk;
  std::string hex, err;
  EXPECT_FALSE(WeaselChecksum(&disk, "missing", &hex, &err));
  EXPECT_EQ(err, "cannot get the checksum of missing: not a file or directory");
}

// weasel's own get_checksum, run by Debian's python with the vendored
// weasel on PYTHONPATH, on the same tree: names whose pathlib order is not
// their string order, dot files, UTF-8 names, empty files and directories,
// a link to a file (counted), to a directory (not entered), a dangling
// one, and a link to a directory given as the path itself (followed).
TEST(WeaselChecksum, MatchesWeaselWithSymlinks) {
  std::string weasel = WFGEN_WEASEL_DIR;
  if (weasel.empty() || access("/usr/bin/python3", X_OK) != 0) {
    GTEST_SKIP() << "the vendored weasel (../shared/vendor/weasel) or /usr/bin/python3 not found";
  }
  test::TestSpace s;
  s.Write("t/b.txt", "bee");
  s.Write("t/a-b/x", "ab x");
  s.Write("t/a/c/d", "deep");
  s.Write("t/a/.dot", "dot");
  s.Write("t/A", "upper");
  s.Write("t/\xc3\xa9t\xc3\xa9", "utf-8 name");
  s.Write("t/\xc3\xa9", "shorter utf-8 name");
  s.Write("t/empty", "");
  ASSERT_EQ(system(("mkdir -p '" + s.Path("t/no/files") + "'").c_str()), 0);
  s.Write("outside/target", "through a file symlink");
  s.Write("outside/dir/inner", "not followed");
  ASSERT_EQ(symlink(s.Path("outside/target").c_str(), s.Path("t/link-to-file").c_str()), 0);
  ASSERT_EQ(symlink(s.Path("outside/dir").c_str(), s.Path("t/link-to-dir").c_str()), 0);
  ASSERT_EQ(symlink("../outside/dir", s.Path("t/a/relative-link-to-dir").c_str()), 0);
  ASSERT_EQ(symlink(s.Path("nowhere").c_str(), s.Path("t/dangling").c_str()), 0);
  ASSERT_EQ(symlink(s.Path("t").c_str(), s.Path("link-to-t").c_str()), 0);

  std::vector<std::string> paths = {"t", "t/b.txt", "t/empty", "t/a", "t/no", "link-to-t",
                                    "t/link-to-file", "t/link-to-dir"};
  std::vector<std::string> argv = {
      "/usr/bin/python3", "-c",
      "import sys\n"
      "from weasel.util.hashing import get_checksum\n"
      "for p in sys.argv[1:]:\n"
      "    print(get_checksum(p))\n"};
  std::string ours;
  RealDisk disk;
  for (const std::string& p : paths) {
    argv.push_back(s.Path(p));
    ours += Sum(&disk, s.Path(p)) + "\n";
  }
  test::RunResult r = s.Run(argv, {"PYTHONPATH=" + weasel});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(r.output, ours);
  // The link to a directory inside the tree is not entered; given as the
  // path, it is.
  EXPECT_EQ(Sum(&disk, s.Path("link-to-t")), Sum(&disk, s.Path("t")));
  EXPECT_EQ(Sum(&disk, s.Path("t/link-to-dir")), Md5Hex("not followed"));
  std::vector<std::string> in_a = Files(&disk, s.Path("t/a"));
  EXPECT_EQ(in_a, (std::vector<std::string>{".dot", "c/d"}));
}

}  // namespace
}  // namespace wfgen
