// The hashes against the vendored weasel's own functions (testdata/weasel_ref.py).
#include "transfer/remote/weasel_hash.h"

#include <unistd.h>

#include <gtest/gtest.h>

#include "runtime/state/weasel_checksum.h"
#include "transfer/remote/remote_test_util.h"

namespace wfgen {
namespace {

using test::Python;
using test::TestSpace;

// Names whose pathlib order differs from string order ("a-b" vs "a/b"),
// hidden files, a symlink to a file (counted) and to a directory (not
// entered), nested directories.
void WriteTree(TestSpace* s) {
  s->Write("d/a/b", "1");
  s->Write("d/a-b/c", "2");
  s->Write("d/a.b", "3");
  s->Write("d/.hidden", "4");
  s->Write("d/sub/deep/x", "5");
  s->Write("d/Z", "6");
  s->Write("d/\xc3\xbc.txt", "7");
  ASSERT_EQ(symlink("a.b", s->Path("d/link_file").c_str()), 0);
  ASSERT_EQ(symlink("sub", s->Path("d/link_dir").c_str()), 0);
  s->Write("f.txt", "hello\n");
  s->Write("a-b", "x");
  s->Write("a/b", "y");
}

TEST(WeaselHash, ContentHashIsWeaselsGetChecksum) {
  TestSpace s;
  WriteTree(&s);
  RealDisk disk;
  for (const char* p : {"f.txt", "d", "d/sub", "a"}) {
    std::string hex, err;
    ASSERT_TRUE(WeaselChecksum(&disk, s.Path(p), &hex, &err)) << err;
    EXPECT_EQ(hex, Python(s, "weasel_ref.py", {"checksum", s.Path(p)})) << p;
  }
}

TEST(WeaselHash, CommandHashIsWeaselsGetCommandHash) {
  TestSpace s;
  WriteTree(&s);
  RealDisk disk;
  std::vector<std::string> deps = {"f.txt", "a-b", "a/b", "d", "./d/a.b"};
  std::vector<std::string> script = {"python -m spacy train cfg --x \xc3\xa9", "echo 'two  spaces'"};
  std::string hex, err;
  ASSERT_TRUE(CommandHash(&disk, s.dir(), deps, script, &hex, &err)) << err;
  std::vector<std::string> args = {"command", s.dir()};
  args.insert(args.end(), deps.begin(), deps.end());
  args.push_back("--");
  args.insert(args.end(), script.begin(), script.end());
  EXPECT_EQ(hex, Python(s, "weasel_ref.py", args));
  // No deps, no script: weasel hashes the empty string.
  ASSERT_TRUE(CommandHash(&disk, s.dir(), {}, {}, &hex, &err)) << err;
  EXPECT_EQ(hex, Python(s, "weasel_ref.py", {"command", s.dir(), "--"}));
}

TEST(WeaselHash, CommandHashNeedsEveryDep) {
  TestSpace s;
  RealDisk disk;
  std::string hex, err;
  EXPECT_FALSE(CommandHash(&disk, s.dir(), {"missing"}, {}, &hex, &err));
}

TEST(WeaselHash, QuotePlusIsPythons) {
  TestSpace s;
  for (const char* t : {"training/model-best", "a b+c%2F~._-", "\xc3\xbc/x?y=1&z", "./c/"}) {
    EXPECT_EQ(QuotePlus(t), Python(s, "weasel_ref.py", {"quote_plus", t})) << t;
  }
}

TEST(WeaselHash, PathlibOrderAndNormalForm) {
  EXPECT_TRUE(PathlibLess("a/b", "a-b"));
  EXPECT_FALSE(PathlibLess("a-b", "a/b"));
  EXPECT_TRUE(std::string("a-b") < std::string("a/b"));  // why the parts matter
  EXPECT_EQ(PathlibNormal("./a//b/"), "a/b");
  EXPECT_EQ(PathlibNormal("/x/./y"), "/x/y");
  EXPECT_EQ(PathlibNormal("."), ".");
  EXPECT_EQ(PathlibNormal("a/../b"), "a/../b");
  EXPECT_EQ(Md5Hex(""), "d41d8cd98f00b204e9800998ecf8427e");
}

}  // namespace
}  // namespace wfgen
