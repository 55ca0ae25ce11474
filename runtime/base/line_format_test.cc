#include "runtime/base/line_format.h"

#include <gtest/gtest.h>

namespace wfgen {
namespace {

TEST(LineFormatTest, EscapeRoundTripsEveryByte) {
  std::string all;
  for (int c = 1; c < 256; ++c) all.push_back(static_cast<char>(c));
  std::string escaped = EscapeField(all);
  EXPECT_EQ(escaped.find('\n'), std::string::npos);
  std::string back;
  ASSERT_TRUE(UnescapeField(escaped, &back));
  EXPECT_EQ(back, all);
}

TEST(LineFormatTest, EscapesExactly) { EXPECT_EQ(EscapeField("a\\b\nc\rd e"), "a\\\\b\\nc\\rd e"); }

TEST(LineFormatTest, RejectsBadEscapes) {
  std::string out;
  EXPECT_FALSE(UnescapeField("a\\", &out));
  EXPECT_FALSE(UnescapeField("a\\x", &out));
}

TEST(LineFormatTest, SplitsKeyValues) {
  auto kvs = SplitKeyValues("a 1\n\nb two words\nc\n");
  ASSERT_EQ(kvs.size(), 3u);
  EXPECT_EQ(kvs[0].key, "a");
  EXPECT_EQ(kvs[0].value, "1");
  EXPECT_EQ(kvs[1].value, "two words");
  EXPECT_EQ(kvs[2].key, "c");
  EXPECT_EQ(kvs[2].value, "");
}

TEST(LineFormatTest, SplitFieldsKeepsRestTogether) {
  auto f = SplitFields("x 1 path with spaces", 3);
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[0], "x");
  EXPECT_EQ(f[1], "1");
  EXPECT_EQ(f[2], "path with spaces");
}

TEST(LineFormatTest, SplitLinesKeepsBlankLinesButNothingAfterTheLastNewline) {
  using V = std::vector<std::string_view>;
  EXPECT_EQ(SplitLines(""), V{});
  EXPECT_EQ(SplitLines("a"), V{"a"});
  EXPECT_EQ(SplitLines("a\n"), V{"a"});
  EXPECT_EQ(SplitLines("a\n\nb"), (V{"a", "", "b"}));
  EXPECT_EQ(SplitLines("\n"), V{""});
  EXPECT_EQ(SplitAt(std::string_view("a\0b c\0", 6), '\0'), (V{"a", "b c"}));
}

}  // namespace
}  // namespace wfgen
