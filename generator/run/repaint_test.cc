#include "generator/run/repaint.h"

#include <gtest/gtest.h>

namespace wfgen {
namespace {

TEST(RepaintTest, FirstDrawWritesTheLines) {
  EXPECT_EQ(Repaint(0, {}, {"head", "row"}), "\rhead\x1b[K\nrow\x1b[K\n");
}

TEST(RepaintTest, RedrawMovesUpAndOverwritesLineByLine) {
  EXPECT_EQ(Repaint(2, {}, {"head", "row"}), "\r\x1b[2Ahead\x1b[K\nrow\x1b[K\n");
}

TEST(RepaintTest, AShorterTableBlanksTheLinesItNoLongerUses) {
  // Three lines drawn, two now: the third is blanked and the cursor goes
  // back below the second.
  EXPECT_EQ(Repaint(3, {}, {"head", "row"}), "\r\x1b[3Ahead\x1b[K\nrow\x1b[K\n\x1b[2K");
  EXPECT_EQ(Repaint(4, {}, {"head"}),
            "\r\x1b[4Ahead\x1b[K\n\x1b[2K\x1b[B\x1b[2K\x1b[B\x1b[2K\x1b[2A");
}

TEST(RepaintTest, OutputGoesAboveAfterTheOldTableIsBlanked) {
  EXPECT_EQ(Repaint(2, {"a step's line"}, {"head"}),
            "\r\x1b[2A\x1b[2K\x1b[B\x1b[2K\x1b[1Aa step's line\nhead\x1b[K\n");
}

TEST(RepaintTest, NeverErasesToTheEndOfTheScreen) {
  for (int drawn : {0, 1, 5}) {
    std::string s = Repaint(drawn, {"x"}, {"h", "r"}) + Repaint(drawn, {}, {"h"});
    EXPECT_EQ(s.find("\x1b[J"), std::string::npos);
    EXPECT_EQ(s.find("J"), std::string::npos);
  }
}

}  // namespace
}  // namespace wfgen
