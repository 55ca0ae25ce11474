#include "runtime/base/console_text.h"

#include <gtest/gtest.h>

namespace wfgen {
namespace {

const std::string kR = "\xEF\xBF\xBD";  // U+FFFD

std::string Show(const std::string& in, size_t limit = 1000, size_t piece = 0) {
  ConsoleText t(limit);
  std::string out;
  if (piece == 0) piece = in.size() ? in.size() : 1;
  for (size_t i = 0; i < in.size(); i += piece) {
    t.Feed(in.data() + i, std::min(piece, in.size() - i), &out);
  }
  t.Finish(&out);
  return out;
}

TEST(ConsoleTextTest, TextAndColourPass) {
  EXPECT_EQ(Show("plain\ttext\r\nnext\n"), "plain\ttext\r\nnext\n");
  EXPECT_EQ(Show("ok é ✓ 😀\n"), "ok é ✓ 😀\n");
  EXPECT_EQ(Show("\x1b[1;31mred\x1b[0m\n"), "\x1b[1;31mred\x1b[0m\n\x1b[0m");
}

TEST(ConsoleTextTest, ControlsEscapesAndBadBytesAreReplaced) {
  EXPECT_EQ(Show(std::string("a\0b", 3)), "a" + kR + "b");
  EXPECT_EQ(Show("\x0e\x07\x7f"), kR + kR + kR);               // shift-out, bell, DEL
  EXPECT_EQ(Show("\x1b]0;title\x07"), kR + "]0;title" + kR);   // window title
  EXPECT_EQ(Show("\x1b[2J\x1b(0x"), kR + "[2J" + kR + "(0x");  // clear screen, charset
  EXPECT_EQ(Show("\xff\xfe"), kR + kR);
  EXPECT_EQ(Show("\xc0\x80"), kR + kR);           // overlong NUL
  EXPECT_EQ(Show("\xed\xa0\x80"), kR + kR + kR);  // surrogate
  EXPECT_EQ(Show("\xc2\x9b"
                 "31m"),
            kR + "31m");                 // C1 CSI
  EXPECT_EQ(Show("\xe2\x82"), kR + kR);  // cut short at the end
}

TEST(ConsoleTextTest, PiecesMaySplitAnything) {
  std::string in = "é✓\x1b[32mgreen\x1b[0m😀\xff end";
  std::string whole = Show(in);
  for (size_t piece = 1; piece < in.size(); ++piece)
    EXPECT_EQ(Show(in, 1000, piece), whole) << piece;
}

TEST(ConsoleTextTest, TheLimitCutsBetweenCharacters) {
  ConsoleText t(5);
  std::string out;
  t.Feed("ab✓cd", 7, &out);  // a b ✓(3 bytes) = 5, then c does not fit
  t.Finish(&out);
  EXPECT_EQ(out, "ab✓");
  EXPECT_TRUE(t.truncated());
  ConsoleText u(4);
  out.clear();
  u.Feed("ab✓", 5, &out);
  u.Finish(&out);
  EXPECT_EQ(out, "ab");  // never half a character
  ConsoleText v(3);
  out.clear();
  v.Feed("\x1b[31mx", 6, &out);
  v.Finish(&out);
  EXPECT_EQ(out, "");  // never half a sequence
}

TEST(ConsoleTextTest, EveryByteValueGivesPrintableText) {
  std::string all;
  for (int i = 0; i < 4096; ++i) all += static_cast<char>((i * 7 + i / 256) & 0xff);
  std::string out = Show(all, 1 << 20, 61);
  for (size_t i = 0; i < out.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(out[i]);
    if (c == 0x1b) {
      // Only colour survives.
      size_t m = out.find('m', i);
      ASSERT_NE(m, std::string::npos);
      EXPECT_EQ(out[i + 1], '[');
      for (size_t k = i + 2; k < m; ++k) EXPECT_TRUE(isdigit(out[k]) || out[k] == ';') << i;
      continue;
    }
    EXPECT_FALSE(c < 0x20 && c != '\t' && c != '\n' && c != '\r') << "control byte at " << i;
    EXPECT_NE(c, 0x7f);
  }
}

}  // namespace
}  // namespace wfgen
