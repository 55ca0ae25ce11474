#include "runtime/state/events.h"

#include <stdlib.h>

#include <gtest/gtest.h>

namespace wfgen {
namespace {

TEST(EventsTest, RoundTripsWithTabsAndNewlines) {
  StepEvent e{EventKind::kLine, "/b/.wfgen/stamps/workflows/all/1-a b", "a\tb", "x\ny\tz"};
  StepEvent back;
  ASSERT_TRUE(ParseEvent(RenderEvent(e), &back));
  EXPECT_EQ(back.kind, EventKind::kLine);
  EXPECT_EQ(back.stamp, e.stamp);
  EXPECT_EQ(back.command, "a b");
  EXPECT_EQ(back.detail, "x\ny z");
  EXPECT_FALSE(ParseEvent("bogus", &back));
  EXPECT_FALSE(ParseEvent("nope\ta\tb\tc", &back));
}

TEST(EventsTest, EndEventsCarryTheExitStatus) {
  StepEvent e{EventKind::kEnd, "/b/s", "train", "failed exit code 3", 3};
  EXPECT_EQ(RenderEvent(e), "end\t/b/s\ttrain\tfailed exit code 3\t3");
  StepEvent back;
  ASSERT_TRUE(ParseEvent(RenderEvent(e), &back));
  EXPECT_EQ(back.detail, "failed exit code 3");
  EXPECT_EQ(back.code, 3);
  ASSERT_TRUE(ParseEvent("stop\t/b/s\ttrain\tSIGINT 10000", &back));
  EXPECT_EQ(back.kind, EventKind::kStop);
  EXPECT_EQ(back.detail, "SIGINT 10000");
  EXPECT_EQ(back.code, 0);
  EXPECT_FALSE(ParseEvent("end\t/b/s\ttrain\tfailed\tx", &back));
}

TEST(EventsTest, InactiveWithoutAListener) {
  unsetenv("WFGEN_EVENTS");
  EventSender sender;
  EXPECT_FALSE(sender.active());
  sender.Send(StepEvent{});  // does nothing, and does not crash
  sender.Output("s", "c", "x\n", 2);
}

}  // namespace
}  // namespace wfgen
