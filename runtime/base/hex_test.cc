#include "runtime/base/hex.h"

#include <gtest/gtest.h>

namespace wfgen {
namespace {

TEST(HexTest, LowercaseTwoDigitsPerByteHighNibbleFirst) {
  const uint8_t bytes[] = {0x00, 0x0f, 0xa5, 0xff, 0x10};
  EXPECT_EQ(HexLower(bytes, sizeof bytes), "000fa5ff10");
  EXPECT_EQ(HexLower(bytes, 0), "");
}

}  // namespace
}  // namespace wfgen
