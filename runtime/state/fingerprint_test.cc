#include "runtime/state/fingerprint.h"

#include <gtest/gtest.h>

#include "runtime/base/disk_fake.h"

namespace wfgen {
namespace {

TEST(FingerprintTest, FileMissingAndDirectory) {
  FakeDisk disk;
  disk.Write("a.txt", "hello");
  disk.Write("d/x", "1");
  disk.Write("d/sub/y", "2");
  disk.Mkdir("d/empty");
  Fingerprinter fp(&disk, nullptr);
  PathState a, m, d;
  std::string err;
  ASSERT_TRUE(fp.Take("a.txt", &a, &err));
  ASSERT_TRUE(fp.Take("nope", &m, &err));
  ASSERT_TRUE(fp.Take("d/", &d, &err));
  EXPECT_EQ(a.kind, FileKind::kFile);
  EXPECT_EQ(a.hash, HashBytes("hello"));
  EXPECT_EQ(m.kind, FileKind::kMissing);
  EXPECT_EQ(d.kind, FileKind::kDir);
  ASSERT_EQ(d.children.size(), 2u);
  EXPECT_EQ(d.children[0].rel, "sub/y");
  EXPECT_EQ(d.children[1].rel, "x");
  EXPECT_EQ(ChildPath(d, d.children[0]), "d/sub/y");
}

TEST(FingerprintTest, DirectoryHashCoversNamesAndBytes) {
  FakeDisk disk;
  disk.Write("d/x", "1");
  std::string err;
  PathState before, renamed, edited;
  Fingerprinter(&disk, nullptr).Take("d", &before, &err);
  disk.Remove("d/x");
  disk.Write("d/z", "1");
  Fingerprinter(&disk, nullptr).Take("d", &renamed, &err);
  disk.Write("d/z", "2");
  Fingerprinter(&disk, nullptr).Take("d", &edited, &err);
  EXPECT_NE(before.hash, renamed.hash);
  EXPECT_NE(renamed.hash, edited.hash);
}

TEST(FingerprintTest, EmptyDirectoryDiffersFromMissing) {
  FakeDisk disk;
  disk.Mkdir("d");
  PathState d;
  std::string err;
  Fingerprinter(&disk, nullptr).Take("d", &d, &err);
  EXPECT_NE(d.hash, Hash128());
}

TEST(FingerprintTest, ReusesHashesOfUnchangedFilesOnly) {
  FakeDisk disk;
  disk.Write("a", "1");
  disk.Write("d/b", "2");
  disk.Tick();  // the files are comfortably older than the record
  Record rec;
  {
    Fingerprinter fp(&disk, nullptr);
    std::string err;
    ASSERT_TRUE(fp.TakeAll({"a", "d"}, &rec.deps, &err));
    rec.hashed_at_ns = fp.hashed_at_ns();
    EXPECT_EQ(fp.files_hashed(), 2);
  }
  disk.Tick();
  {
    Fingerprinter fp(&disk, &rec);
    std::vector<PathState> now;
    std::string err;
    ASSERT_TRUE(fp.TakeAll({"a", "d"}, &now, &err));
    EXPECT_EQ(fp.files_hashed(), 0);
    EXPECT_EQ(fp.files_reused(), 2);
  }
  disk.Write("d/b", "3");  // same size, new content
  {
    Fingerprinter fp(&disk, &rec);
    std::vector<PathState> now;
    std::string err;
    ASSERT_TRUE(fp.TakeAll({"a", "d"}, &now, &err));
    EXPECT_EQ(fp.files_hashed(), 1);
    EXPECT_NE(now[1].hash, rec.deps[1].hash);
  }
}

TEST(FingerprintTest, RacyFilesAreAlwaysReread) {
  FakeDisk disk;
  disk.Write("a", "1");
  Record rec;
  std::string err;
  // Hashed in the same instant the file was written: its key proves nothing.
  Fingerprinter first(&disk, nullptr);
  first.TakeAll({"a"}, &rec.deps, &err);
  rec.hashed_at_ns = first.hashed_at_ns();
  disk.Tick();
  Fingerprinter second(&disk, &rec);
  std::vector<PathState> now;
  ASSERT_TRUE(second.TakeAll({"a"}, &now, &err));
  EXPECT_EQ(second.files_hashed(), 1);
}

TEST(FingerprintTest, ScriptHashSeesWhitespaceAndShellFlag) {
  EXPECT_NE(ScriptHash({"a  b"}, false), ScriptHash({"a b"}, false));
  EXPECT_NE(ScriptHash({"a b"}, true), ScriptHash({"a b"}, false));
  EXPECT_NE(ScriptHash({"ab", "c"}, false), ScriptHash({"a", "bc"}, false));
  EXPECT_EQ(ScriptHash({"x"}, false), ScriptHash({"x"}, false));
}

}  // namespace
}  // namespace wfgen
