#include "runtime/state/record.h"

#include <gtest/gtest.h>

namespace wfgen {
namespace {

Record Sample() {
  Record r;
  r.script = HashBytes("script");
  r.hashed_at_ns = 1700000000123456789LL;
  PathState dep;
  dep.path = "assets/IMDB Dataset.csv";
  dep.kind = FileKind::kFile;
  dep.hash = HashBytes("data");
  dep.self = FileState{"", 4, 11, 12, 13, dep.hash};
  PathState dir;
  dir.path = "corpus/";
  dir.kind = FileKind::kDir;
  dir.hash = HashBytes("dir");
  dir.self.mtime_ns = 99;
  dir.children.push_back(FileState{"a.spacy", 1, 2, 3, 4, HashBytes("a")});
  dir.children.push_back(FileState{"sub/b\nc", 5, 6, 7, 8, HashBytes("b")});
  PathState missing;
  missing.path = "never/made";
  r.deps = {dep, dir};
  r.outs = {missing};
  return r;
}

TEST(RecordTest, RoundTrips) {
  Record r = Sample();
  Record back;
  std::string err;
  ASSERT_TRUE(ParseRecord(RenderRecord(r), &back, &err)) << err;
  EXPECT_EQ(back.script, r.script);
  EXPECT_EQ(back.hashed_at_ns, r.hashed_at_ns);
  ASSERT_EQ(back.deps.size(), 2u);
  EXPECT_EQ(back.deps[0].path, "assets/IMDB Dataset.csv");
  EXPECT_EQ(back.deps[0].self.ctime_ns, 12);
  EXPECT_EQ(back.deps[0].hash, HashBytes("data"));
  ASSERT_EQ(back.deps[1].children.size(), 2u);
  EXPECT_EQ(back.deps[1].children[1].rel, "sub/b\nc");
  EXPECT_EQ(back.deps[1].self.mtime_ns, 99);
  ASSERT_EQ(back.outs.size(), 1u);
  EXPECT_EQ(back.outs[0].kind, FileKind::kMissing);
}

TEST(RecordTest, EveryTruncationIsDetected) {
  std::string text = RenderRecord(Sample());
  for (size_t len = 0; len < text.size(); ++len) {
    Record back;
    std::string err;
    EXPECT_FALSE(ParseRecord(text.substr(0, len), &back, &err)) << "accepted " << len << " bytes";
  }
}

TEST(RecordTest, AFlippedByteIsDetected) {
  std::string text = RenderRecord(Sample());
  for (size_t i = 0; i < text.size(); i += 7) {
    std::string bad = text;
    bad[i] ^= 0x20;
    Record back;
    std::string err;
    EXPECT_FALSE(ParseRecord(bad, &back, &err)) << "accepted a flip at " << i;
  }
}

TEST(RecordTest, ForeignVersionIsRejected) {
  Record back;
  std::string err;
  EXPECT_FALSE(ParseRecord("wfgen-record 0\nscript 00\n", &back, &err));
  EXPECT_NE(err.find("another version"), std::string::npos);
}

}  // namespace
}  // namespace wfgen
