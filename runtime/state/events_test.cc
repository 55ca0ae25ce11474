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

TEST(EventsTest, StartAndEndCarryTheirSendersTime) {
  StepEvent e{EventKind::kStart, "/b/s", "train", "log", 42};
  e.at_ms = 123456;
  EXPECT_EQ(RenderEvent(e), "start\t/b/s\ttrain\tlog\t42\t123456");
  StepEvent back;
  ASSERT_TRUE(ParseEvent(RenderEvent(e), &back));
  EXPECT_EQ(back.code, 42);
  EXPECT_EQ(back.at_ms, 123456);
  ASSERT_TRUE(ParseEvent("end\t/b/s\ttrain\tsucceeded\t0", &back));
  EXPECT_EQ(back.at_ms, 0);  // unknown: the reader's time is used
  EXPECT_FALSE(ParseEvent("end\t/b/s\ttrain\tsucceeded\t0\t", &back));
  EXPECT_FALSE(ParseEvent("end\t/b/s\ttrain\tsucceeded\t0\t12x", &back));
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
