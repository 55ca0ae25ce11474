#include "runtime/state/depfile.h"

#include <gtest/gtest.h>

namespace wfgen {
namespace {

TEST(DepfileTest, EscapesWhatNinjaCanRead) {
  std::string out;
  ASSERT_TRUE(EscapeDepfilePath("a b/c#d$e", &out));
  EXPECT_EQ(out, "a\\ b/c\\#d$$e");
  ASSERT_TRUE(EscapeDepfilePath("über(1)/x:y", &out));
  EXPECT_EQ(out, "über(1)/x:y");
  EXPECT_FALSE(EscapeDepfilePath("it's", &out));
  EXPECT_FALSE(EscapeDepfilePath("a&b", &out));
  EXPECT_FALSE(EscapeDepfilePath("tab\there", &out));
  EXPECT_FALSE(EscapeDepfilePath("ends:", &out));
  EXPECT_FALSE(EscapeDepfilePath("back\\ slash", &out));
}

TEST(DepfileTest, ListsFilesAndSubdirectoriesOfDirectories) {
  PathState file;
  file.path = "raw.txt";
  file.kind = FileKind::kFile;
  PathState dir;
  dir.path = "corpus/";
  dir.kind = FileKind::kDir;
  dir.children = {FileState{"a b.spacy"}, FileState{"sub/deep/c"}, FileState{"bad'name"}};
  EXPECT_EQ(RenderDepfile("stamp", "../proj", {&file, &dir}),
            "stamp: \\\n"
            "  ../proj/corpus/a\\ b.spacy \\\n"
            "  ../proj/corpus/sub \\\n"
            "  ../proj/corpus/sub/deep \\\n"
            "  ../proj/corpus/sub/deep/c\n");
}

}  // namespace
}  // namespace wfgen
