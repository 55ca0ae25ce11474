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

TEST(EventsTest, InactiveWithoutAListener) {
  unsetenv("WFGEN_EVENTS");
  EventSender sender;
  EXPECT_FALSE(sender.active());
  sender.Send(StepEvent{});  // does nothing, and does not crash
  sender.Output("s", "c", "x\n", 2);
}

}  // namespace
}  // namespace wfgen
