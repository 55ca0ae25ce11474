#include "runtime/base/paths.h"

#include <gtest/gtest.h>

namespace wfgen {
namespace {

TEST(PathsTest, CanonicalLikeNinja) {
  EXPECT_EQ(CanonicalPath("corpus/"), "corpus");
  EXPECT_EQ(CanonicalPath("./corpus//train.spacy"), "corpus/train.spacy");
  EXPECT_EQ(CanonicalPath("a/./b/../c"), "a/c");
  EXPECT_EQ(CanonicalPath("../up/x"), "../up/x");
  EXPECT_EQ(CanonicalPath("a/../../b"), "../b");
  EXPECT_EQ(CanonicalPath("/abs/../x/"), "/x");
  EXPECT_EQ(CanonicalPath("/.."), "/");
  EXPECT_EQ(CanonicalPath("."), ".");
  EXPECT_EQ(CanonicalPath(""), ".");
  // Already canonical: returned as written (the fast path).
  EXPECT_EQ(CanonicalPath("corpus/train.spacy"), "corpus/train.spacy");
  EXPECT_EQ(CanonicalPath("/abs/x"), "/abs/x");
  EXPECT_EQ(CanonicalPath("/"), "/");
  EXPECT_EQ(CanonicalPath("a/.b/..c"), "a/.b/..c");
  EXPECT_EQ(CanonicalPath("a/b/.."), "a");
  EXPECT_EQ(CanonicalPath("//a"), "/a");
}

TEST(PathsTest, RelativeAndRebase) {
  EXPECT_EQ(RelativePath("/a/b", "/a/b"), ".");
  EXPECT_EQ(RelativePath("/a/b/build", "/a/b"), "..");
  EXPECT_EQ(RelativePath("/a/build", "/a/b/proj"), "../b/proj");
  EXPECT_EQ(RelativePath("/", "/x/y"), "x/y");
  EXPECT_EQ(Rebase("..", "corpus/"), "../corpus");
  EXPECT_EQ(Rebase(".", "./x"), "x");
  EXPECT_EQ(Rebase("../p", "/abs/file"), "/abs/file");
  EXPECT_EQ(AbsolutePath("x/../y", "/w"), "/w/y");
}

TEST(PathsTest, Overlap) {
  EXPECT_TRUE(PathsOverlap("corpus", "corpus"));
  EXPECT_TRUE(PathsOverlap("corpus", "corpus/train.spacy"));
  EXPECT_TRUE(PathsOverlap("corpus/train.spacy", "corpus"));
  EXPECT_FALSE(PathsOverlap("corpus", "corpus2"));
  EXPECT_FALSE(PathsOverlap("corpus-a/x", "corpus"));
  EXPECT_TRUE(PathsOverlap(".", "anything"));
}

}  // namespace
}  // namespace wfgen
