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

TEST(Utf8Test, Continuation) {
  EXPECT_FALSE(IsUtf8Continuation('a'));
  EXPECT_FALSE(IsUtf8Continuation('\xe2'));  // starts ✓
  EXPECT_TRUE(IsUtf8Continuation('\x9c'));
  EXPECT_TRUE(IsUtf8Continuation('\x80'));
  EXPECT_FALSE(IsUtf8Continuation('\xff'));
}

TEST(Utf8Test, Utf16Length) {
  EXPECT_EQ(Utf16Length(""), 0u);
  EXPECT_EQ(Utf16Length("abc"), 3u);
  EXPECT_EQ(Utf16Length("é✓"), 2u);        // 2 and 3 bytes: one unit each
  EXPECT_EQ(Utf16Length("😀x"), 3u);        // past U+FFFF: a surrogate pair
  EXPECT_EQ(Utf16Length("\xe2\x9c"), 1u);  // cut in a character: its start counts
}

TEST(Utf8Test, DisplayWidthCountsCharactersNotBytesOrColour) {
  EXPECT_EQ(DisplayWidth(""), 0);
  EXPECT_EQ(DisplayWidth("abc"), 3);
  EXPECT_EQ(DisplayWidth("ünïcödé ✓ 😀"), 11);
  EXPECT_EQ(DisplayWidth("\x1b[31;1mred\x1b[0m"), 3);
  EXPECT_EQ(DisplayWidth("a\x1b[3"), 1);  // a sequence cut short takes no room
  EXPECT_EQ(DisplayWidth("\x80x"), 1);    // a stray continuation byte neither
}

TEST(Utf8Test, WidthPrefixCutsBetweenCharacters) {
  EXPECT_EQ(WidthPrefix("abcdef", 4), 4u);
  EXPECT_EQ(WidthPrefix("abc", 10), 3u);
  EXPECT_EQ(WidthPrefix("abc", 0), 0u);
  std::string s = "ünïcödé";
  EXPECT_EQ(s.substr(0, WidthPrefix(s, 4)), "ünïc");
  std::string emoji = "😀😀😀";
  EXPECT_EQ(WidthPrefix(emoji, 2), 8u);
}

TEST(Utf8Test, WidthPrefixKeepsEscapeSequencesWhole) {
  std::string s = "\x1b[1mab\x1b[0mcd";
  // The sequences take no room; the one right after the last character
  // that fits is kept, the next character is not.
  EXPECT_EQ(s.substr(0, WidthPrefix(s, 2)), "\x1b[1mab\x1b[0m");
  EXPECT_EQ(s.substr(0, WidthPrefix(s, 1)), "\x1b[1ma");
  EXPECT_EQ(s.substr(0, WidthPrefix(s, 0)), "\x1b[1m");
  // A prefix never takes more columns than asked, even of invalid text.
  for (std::string t : {s, std::string("a\x80\x80 b\xff\xe2\x9c c"), std::string("\x1b[3")}) {
    for (int n = 0; n < 8; ++n) {
      EXPECT_LE(DisplayWidth(t.substr(0, WidthPrefix(t, n))), n) << t << " " << n;
    }
  }
}

}  // namespace
}  // namespace wfgen
