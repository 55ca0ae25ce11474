#include "transfer/progress_events.h"

#include <gtest/gtest.h>

namespace wfgen {
namespace {

TEST(ProgressEventsTest, TextHasBytesPercentAndRate) {
  DownloadProgress p;
  p.bytes = 12300000;
  p.total = 20000000;
  EXPECT_EQ(ProgressText(p, 2000), "12.3 MB of 20.0 MB, 61%, 6.2 MB/s");
  p.total = -1;  // no Content-Length
  EXPECT_EQ(ProgressText(p, 0), "12.3 MB");
  p.attempt = 2;
  EXPECT_EQ(ProgressText(p, 1000), "12.3 MB, 12.3 MB/s (attempt 2)");
}

TEST(ProgressEventsTest, TheStampIsTheOneWfgenRunExpects) {
  EXPECT_EQ(AssetEventStamp("/p/.wfgen/assets/1-assets%2Fa.bin.asset"),
            "/p/.wfgen/stamps/assets/1-assets%2Fa.bin");
  EXPECT_EQ(AssetEventStamp("/p/.wfgen/nlp/assets/2-x.asset"), "/p/.wfgen/nlp/stamps/assets/2-x");
}

}  // namespace
}  // namespace wfgen
