// End to end: `wfgen run --group-output prefixed` shows a parallel group's
// lines as they come, each with its member's name (generator/run/log_follow.h);
// the default shows each member's log whole after the group.
#include <poll.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "tests/test_space.h"

namespace wfgen {
namespace test {
namespace {

// `a` prints a line, then waits for the test to create `go`: its first
// line can only be seen before it ends if it is shown as it comes.
const char kProject[] =
    "commands:\n"
    "  - name: a\n"
    "    script: [\"sh -c 'echo a-first; while [ ! -f go ]; do sleep 0.02; done; echo "
    "a-second'\"]\n"
    "  - name: b\n"
    "    script: [\"sh -c 'echo b-only'\"]\n"
    "workflows:\n"
    "  all:\n"
    "    - parallel: [a, b]\n";

TEST(GroupOutputTest, PrefixedLinesArriveWhileTheMembersRun) {
  TestSpace s;
  s.Write("project.yml", kProject);
  TestSpace::Background bg = s.Start({WfgenBin(), "run", "all", "--group-output", "prefixed"});
  std::string out;
  ASSERT_TRUE(ReadUntil(&bg, "a | a-first\n", &out, 30)) << out;
  EXPECT_EQ(out.find("[wfgen] succeeded  a"), std::string::npos) << out;
  s.Write("go", "");
  RunResult r = TestSpace::Wait(&bg);
  out += r.output;
  EXPECT_EQ(r.exit, 0) << out;
  EXPECT_NE(out.find("b | b-only\n"), std::string::npos) << out;
  EXPECT_LT(out.find("a | a-first\n"), out.find("a | a-second\n")) << out;
  EXPECT_LT(out.find("a | a-second\n"), out.find("[wfgen] succeeded  a")) << out;
  // Shown once: the group's replay stays quiet.
  EXPECT_EQ(out.find("==== a ===="), std::string::npos) << out;
  EXPECT_EQ(CountOf(out, "a | a-first\n"), 1) << out;
}

TEST(GroupOutputTest, GroupedIsTheDefaultAndReadsLikeASerialRun) {
  TestSpace s;
  s.Write("project.yml", kProject);
  s.Write("go", "");
  RunResult r = s.Wfgen({"run", "all"});
  ASSERT_EQ(r.exit, 0) << r.output;
  size_t a = r.output.find("==== a ====\n");
  size_t b = r.output.find("==== b ====\n");
  ASSERT_NE(a, std::string::npos) << r.output;
  ASSERT_NE(b, std::string::npos) << r.output;
  EXPECT_LT(a, r.output.find("a-first"));
  EXPECT_LT(r.output.find("a-second"), b);
  EXPECT_EQ(r.output.find("a | "), std::string::npos) << r.output;
}

}  // namespace
}  // namespace test
}  // namespace wfgen
