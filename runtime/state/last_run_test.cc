#include "runtime/state/last_run.h"

#include <gtest/gtest.h>

namespace wfgen {
namespace {

TEST(FailedRunTest, RoundTrips) {
  FailedRun f{"failed", "exit code 3\nodd", 1700000000123456789};
  FailedRun back;
  ASSERT_TRUE(ParseFailedRun(RenderFailedRun(f), &back));
  EXPECT_EQ(back.state, "failed");
  EXPECT_EQ(back.detail, "exit code 3\nodd");
  EXPECT_EQ(back.ended_ns, f.ended_ns);
  EXPECT_FALSE(ParseFailedRun("detail x\n", &back));
  EXPECT_FALSE(ParseFailedRun("state failed\nended_ns 12x\n", &back));
  EXPECT_EQ(FailedRunPath("train"), ".wfgen/state/train.failed");
}

}  // namespace
}  // namespace wfgen
