#include "runtime/state/events.h"

#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

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

// A long detail is what gets cut, so the status and the time arrive whole.
TEST(EventsTest, ALongDetailIsShortenedNotTheNumbersAfterIt) {
  char dir[] = "/tmp/wfgen-events-XXXXXX";
  ASSERT_NE(mkdtemp(dir), nullptr);
  std::string path = std::string(dir) + "/events";
  int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  ASSERT_GE(fd, 0);
  sockaddr_un addr = {};
  addr.sun_family = AF_UNIX;
  memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  setenv("WFGEN_EVENTS", path.c_str(), 1);
  {
    EventSender sender;
    ASSERT_TRUE(sender.active());
    StepEvent e{EventKind::kEnd, "/b/s", "train", "failed " + std::string(3990, 'x'), 2};
    e.at_ms = 123456789;
    sender.Send(e);
  }
  unsetenv("WFGEN_EVENTS");
  char buf[8192];
  ssize_t n = recv(fd, buf, sizeof buf, 0);
  close(fd);
  unlink(path.c_str());
  rmdir(dir);
  ASSERT_GT(n, 0);
  EXPECT_LE(static_cast<size_t>(n), kMaxEventBytes);
  StepEvent back;
  ASSERT_TRUE(ParseEvent(std::string(buf, static_cast<size_t>(n)), &back));
  EXPECT_EQ(back.code, 2);
  EXPECT_EQ(back.at_ms, 123456789);
  EXPECT_EQ(back.detail.compare(0, 8, "failed x"), 0);
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
