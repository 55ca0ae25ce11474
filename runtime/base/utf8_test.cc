#include "runtime/base/utf8.h"

#include <gtest/gtest.h>

namespace wfgen {
namespace {

int Decode(const std::string& s, uint32_t* cp) {
  return DecodeUtf8(reinterpret_cast<const unsigned char*>(s.data()), s.size(), cp);
}

TEST(Utf8Test, DecodesEachLength) {
  uint32_t cp = 0;
  EXPECT_EQ(Decode("a", &cp), 1);
  EXPECT_EQ(cp, 0x61u);
  EXPECT_EQ(Decode("é!", &cp), 2);
  EXPECT_EQ(cp, 0xE9u);
  EXPECT_EQ(Decode("✓", &cp), 3);
  EXPECT_EQ(cp, 0x2713u);
  EXPECT_EQ(Decode("😀", &cp), 4);
  EXPECT_EQ(cp, 0x1F600u);
}

TEST(Utf8Test, InvalidAndIncomplete) {
  uint32_t cp = 0;
  EXPECT_EQ(Decode("\xff", &cp), kUtf8Invalid);
  EXPECT_EQ(Decode("\x80", &cp), kUtf8Invalid);              // a stray continuation
  EXPECT_EQ(Decode("\xc0\x80", &cp), kUtf8Invalid);          // overlong
  EXPECT_EQ(Decode("\xe0\x80\x80", &cp), kUtf8Invalid);      // overlong
  EXPECT_EQ(Decode("\xed\xa0\x80", &cp), kUtf8Invalid);      // surrogate
  EXPECT_EQ(Decode("\xf4\x90\x80\x80", &cp), kUtf8Invalid);  // past U+10FFFF
  EXPECT_EQ(Decode("\xe2\x9c", &cp), kUtf8Incomplete);
  EXPECT_EQ(Decode("\xe2x", &cp), kUtf8Invalid);  // not a continuation: invalid, not cut short
}

TEST(Utf8Test, FindInvalid) {
  EXPECT_EQ(FindInvalidUtf8("ok é ✓ 😀"), std::string::npos);
  EXPECT_EQ(FindInvalidUtf8("\xc0\x80"), 0u);      // overlong
  EXPECT_EQ(FindInvalidUtf8("\xed\xa0\x80"), 0u);  // surrogate
  EXPECT_EQ(FindInvalidUtf8("ab\xe2\x9c"), 2u);    // cut short at the end
}

TEST(Utf8Test, CharStartAndAppend) {
  std::string s = "a✓b";  // ✓ is bytes 1..3
  EXPECT_EQ(Utf8CharStart(s, 0), 0u);
  EXPECT_EQ(Utf8CharStart(s, 2), 1u);
  EXPECT_EQ(Utf8CharStart(s, 3), 1u);
  EXPECT_EQ(Utf8CharStart(s, 4), 4u);
  EXPECT_EQ(Utf8CharStart(s, 9), 9u);
  std::string out;
  for (uint32_t cp : {0x61u, 0xE9u, 0x2713u, 0x1F600u}) AppendUtf8(cp, &out);
  EXPECT_EQ(out, "aé✓😀");
}

}  // namespace
}  // namespace wfgen
