#include "generator/run/status_view.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "generator/project/loader.h"
#include "generator/run/trace.h"
#include "runtime/base/utf8.h"

namespace wfgen {
namespace {

// A run of: prep; parallel [a, b, c]; report; with a at the given states.
class StatusViewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    LoadResult r;
    Diagnostics diag;
    ASSERT_TRUE(LoadProject(R"(commands:
  - {name: prep, script: [x], outputs: [p]}
  - {name: a, script: [x], outputs: [a]}
  - {name: bee, script: [x], outputs: [b]}
  - {name: c, script: [x], outputs: [c]}
  - {name: report, script: [x]}
workflows:
  all:
    - prep
    - parallel: [a, bee, c]
    - report
    - prep
)",
                            LoadOptions(), &r, &diag));
    plan = MakePlan(r.project, PlanOptions{Schedule::kStaged, 2});
    status = std::make_unique<RunStatus>(plan, "all", "/b/.wfgen/stamps", "proj");
    status->set_started_ms(1000);
  }
  void Ev(EventKind kind, const std::string& key, const std::string& detail, int64_t at) {
    status->Apply(StepEvent{kind, "/b/.wfgen/stamps/" + key, "", detail}, at);
  }
  BuildPlan plan;
  std::unique_ptr<RunStatus> status;
};

TEST_F(StatusViewTest, RowsFollowEvents) {
  ASSERT_EQ(status->rows().size(), 6u);
  EXPECT_EQ(status->rows()[0].label, "prep (step 1)");
  EXPECT_EQ(status->rows()[1].label, "a");
  EXPECT_EQ(status->rows()[1].group, 1);
  EXPECT_EQ(status->rows()[1].log, "proj/.wfgen/logs/a.log");
  Ev(EventKind::kStart, "workflows/all/1-prep", "", 1000);
  Ev(EventKind::kEnd, "workflows/all/1-prep", "succeeded", 2500);
  Ev(EventKind::kStart, "workflows/all/2-a", "", 2600);
  Ev(EventKind::kLine, "workflows/all/2-a", "epoch 1", 2700);
  EXPECT_EQ(status->rows()[0].state, RowState::kSucceeded);
  EXPECT_EQ(status->rows()[1].state, RowState::kRunning);
  EXPECT_EQ(status->rows()[1].last_line, "epoch 1");
  EXPECT_EQ(status->Apply(StepEvent{EventKind::kStart, "/elsewhere/x", "", ""}, 1), -1);
}

// Times come from the wrapper's own event when it has one, so a loop that
// reads several events late still times them right; never before the run.
TEST_F(StatusViewTest, EventsAreTimedByTheirSender) {
  auto timed = [&](EventKind kind, const std::string& key, const std::string& detail,
                   int64_t at_ms, int64_t read_ms) {
    StepEvent e{kind, "/b/.wfgen/stamps/" + key, "", detail};
    e.at_ms = at_ms;
    status->Apply(e, read_ms);
  };
  timed(EventKind::kStart, "workflows/all/2-a", "", 1200, 5000);
  timed(EventKind::kStop, "workflows/all/2-a", "SIGTERM 8000", 1300, 5000);
  timed(EventKind::kEnd, "workflows/all/2-a", "terminated", 1400, 5000);
  const StatusRow& a = status->rows()[1];
  EXPECT_EQ(a.start_ms, 1200);
  EXPECT_EQ(a.kill_at_ms, 9300);
  EXPECT_EQ(a.end_ms, 1400);
  timed(EventKind::kStart, "workflows/all/2-bee", "", 900, 5000);  // before the run: not trusted
  EXPECT_EQ(status->rows()[2].start_ms, 5000);
}

TEST_F(StatusViewTest, TableExactly) {
  Ev(EventKind::kStart, "workflows/all/1-prep", "", 1000);
  Ev(EventKind::kEnd, "workflows/all/1-prep", "succeeded", 2500);
  Ev(EventKind::kStart, "workflows/all/2-a", "", 2600);
  Ev(EventKind::kLine, "workflows/all/2-a", "epoch \x1b[1m1\x1b[0m\tof 3", 2700);
  Ev(EventKind::kStart, "workflows/all/2-bee", "", 2600);
  Ev(EventKind::kEnd, "workflows/all/2-bee", "failed exit code 3", 3100);
  Ev(EventKind::kEnd, "workflows/all/2-c", "terminated bee", 3200);
  ViewStyle ascii;
  std::vector<std::string> lines = RenderTable(*status, 60, 20, 5000, ascii);
  ASSERT_EQ(lines.size(), 8u);
  EXPECT_EQ(lines[0], "wfgen run all: 1 running, 3 of 6 done, 4.0s");
  // Escapes and tabs in a step's output never reach the terminal raw.
  EXPECT_EQ(lines[1], "  + prep    1.5s");
  EXPECT_EQ(lines[2], "  + parallel group 1");
  EXPECT_EQ(lines[3], "  | * a     2.4s    epoch 1 of 3");
  EXPECT_EQ(lines[4], "  | x bee   failed (exit code 3) after 0.5s");
  EXPECT_EQ(lines[5], "  | ! c     terminated because 'bee' failed");
  EXPECT_EQ(lines[6], "  . report  waiting");
  EXPECT_EQ(lines[7], "  . prep    waiting");
}

TEST_F(StatusViewTest, TableFitsTheWidthAndTheHeight) {
  Ev(EventKind::kStart, "workflows/all/1-prep", "", 1000);
  Ev(EventKind::kEnd, "workflows/all/1-prep", "succeeded", 2500);
  Ev(EventKind::kStart, "workflows/all/2-a", "", 2600);
  Ev(EventKind::kLine, "workflows/all/2-a", std::string(200, 'x'), 2700);
  ViewStyle unicode;
  unicode.unicode = true;
  for (const std::string& l : RenderTable(*status, 30, 20, 5000, unicode)) {
    EXPECT_LE(DisplayWidth(l), 30) << l;
  }
  std::vector<std::string> small = RenderTable(*status, 60, 4, 5000, ViewStyle());
  ASSERT_EQ(small.size(), 4u);
  EXPECT_EQ(small[1], "  ... 2 lines done");  // prep and the group's line
  EXPECT_EQ(small[3].find("  ... "), 0u) << small[3];
}

TEST_F(StatusViewTest, ColoursOnlyWhenAsked) {
  ViewStyle color;
  color.color = true;
  std::vector<std::string> lines = RenderTable(*status, 80, 20, 5000, color);
  EXPECT_NE(lines[0].find("\x1b["), std::string::npos);
  for (const std::string& l : RenderTable(*status, 80, 20, 5000, ViewStyle())) {
    EXPECT_EQ(l.find('\x1b'), std::string::npos) << l;
  }
}

TEST_F(StatusViewTest, PlainLinesAndSummary) {
  Ev(EventKind::kStart, "workflows/all/1-prep", "", 1000);
  EXPECT_EQ(PlainLine(status->rows()[0], ViewStyle()),
            "[wfgen] start      prep (step 1)  (log: proj/.wfgen/logs/prep.log)");
  Ev(EventKind::kEnd, "workflows/all/1-prep", "succeeded", 2500);
  EXPECT_EQ(PlainLine(status->rows()[0], ViewStyle()), "[wfgen] succeeded  prep (step 1)  1.5s");
  Ev(EventKind::kEnd, "workflows/all/2-bee", "failed exit code 3", 3100);
  EXPECT_EQ(PlainLine(status->rows()[2], ViewStyle()),
            "[wfgen] failed     bee  exit code 3  (log: proj/.wfgen/logs/bee.log)");
  Ev(EventKind::kEnd, "workflows/all/2-c", "terminated bee", 3200);
  EXPECT_EQ(PlainLine(status->rows()[3], ViewStyle()),
            "[wfgen] terminated c  because 'bee' failed");
  Ev(EventKind::kEnd, "workflows/all/2-a", "skipped", 3300);
  status->Finish(false, 4000);
  std::vector<std::string> summary = RenderSummary(*status, 4000, ViewStyle());
  ASSERT_EQ(summary.size(), 4u);
  EXPECT_EQ(summary[0],
            "wfgen: all: 1 succeeded, 1 skipped, 1 failed, 1 terminated, 2 not started in 3.0s");
  EXPECT_EQ(summary[1], "  slowest: prep (step 1) 1.5s, bee 0.0s");
  EXPECT_EQ(summary[2], "  failed: bee (exit code 3), log: proj/.wfgen/logs/bee.log");
  EXPECT_EQ(summary[3], "  terminated: c (because 'bee' failed), log: proj/.wfgen/logs/c.log");
}

TEST_F(StatusViewTest, StepsNinjaNeverStartedAreUpToDateAfterSuccess) {
  status->Finish(true, 2000);
  EXPECT_EQ(status->Counts().up_to_date, 6);
  EXPECT_EQ(RenderSummary(*status, 2000, ViewStyle())[0], "wfgen: all: 6 up to date in 1.0s");
}

TEST_F(StatusViewTest, WhatNinjaSkippedIsUpToDateOnceAStepAfterItStarts) {
  // `report` waits for the group, which waits for `prep`: Ninja started
  // report, so the four it waits for were done or up to date.
  Ev(EventKind::kStart, "workflows/all/2-a", "", 1100);
  Ev(EventKind::kEnd, "workflows/all/2-a", "succeeded", 1500);
  Ev(EventKind::kStart, "workflows/all/3-report", "", 1600);
  std::vector<std::string> lines = RenderTable(*status, 60, 20, 2000, ViewStyle());
  ASSERT_EQ(lines.size(), 8u);
  EXPECT_EQ(lines[0], "wfgen run all: 1 running, 4 of 6 done, 1.0s");
  EXPECT_EQ(lines[1], "  = prep    up to date");
  EXPECT_EQ(lines[3], "  | + a     0.4s");
  EXPECT_EQ(lines[4], "  | = bee   up to date");
  EXPECT_EQ(lines[7], "  . prep    waiting");
  Ev(EventKind::kEnd, "workflows/all/3-report", "failed exit code 3", 1700);
  status->Finish(false, 2000);
  EXPECT_EQ(RenderSummary(*status, 2000, ViewStyle())[0],
            "wfgen: all: 1 succeeded, 3 up to date, 1 failed, 1 not started in 1.0s");
}

TEST_F(StatusViewTest, AfterAFailureStepsNinjaWouldNotStartAreUpToDate) {
  Ev(EventKind::kStart, "workflows/all/2-bee", "", 1100);
  status->Apply(StepEvent{EventKind::kEnd, "/b/.wfgen/stamps/workflows/all/2-bee", "bee",
                          "failed exit code 3", 3},
                1500);
  // Ninja would still start c (and what follows the group), not a.
  std::set<std::string> dirty = {"workflows/all/2-c", "workflows/all/3-report",
                                 "workflows/all/4-prep"};
  status->Finish(false, 2000, &dirty);
  EXPECT_EQ(RenderSummary(*status, 2000, ViewStyle())[0],
            "wfgen: all: 2 up to date, 1 failed, 3 not started in 1.0s");
  EXPECT_EQ(status->FirstFailureExit(), 3);
}

TEST_F(StatusViewTest, TheFirstFailureDecidesTheExitStatus) {
  EXPECT_EQ(status->FirstFailureExit(), 0);
  auto end = [&](const std::string& key, const std::string& detail, int code) {
    status->Apply(StepEvent{EventKind::kEnd, "/b/.wfgen/stamps/" + key, "", detail, code}, 1500);
  };
  end("workflows/all/2-c", "terminated bee", 143);  // a sibling's stop decides nothing
  EXPECT_EQ(status->FirstFailureExit(), 0);
  end("workflows/all/2-bee", "failed exit code 4", 4);
  end("workflows/all/2-a", "failed exit code 5", 5);
  EXPECT_EQ(status->FirstFailureExit(), 4);
}

TEST_F(StatusViewTest, StoppingStepsSayWhenSigkillFollows) {
  Ev(EventKind::kStart, "workflows/all/2-a", "", 2600);
  Ev(EventKind::kStart, "workflows/all/2-bee", "", 2600);
  Ev(EventKind::kStop, "workflows/all/2-a", "SIGINT 10000", 3000);
  std::vector<std::string> lines = RenderTable(*status, 70, 20, 5000, ViewStyle());
  EXPECT_EQ(lines[0], "wfgen run all: 1 stopping, 1 running, 1 of 6 done, 4.0s");
  EXPECT_EQ(lines[3], "  | * a     2.4s    stopping (SIGINT sent), SIGKILL in 8.0s");
  EXPECT_EQ(RenderTable(*status, 70, 20, 14000, ViewStyle())[3],
            "  | * a     11.4s   stopping (SIGINT sent), SIGKILL sent");
  EXPECT_EQ(PlainStopLine(status->rows()[1], ViewStyle()),
            "[wfgen] stopping   a  (SIGINT sent; SIGKILL after 10.0s unless it exits)");
}

TEST_F(StatusViewTest, TraceHasOneLanePerConcurrentSlot) {
  Ev(EventKind::kStart, "workflows/all/2-a", "", 1000);
  Ev(EventKind::kStart, "workflows/all/2-bee", "", 1100);
  Ev(EventKind::kEnd, "workflows/all/2-bee", "succeeded", 1500);
  Ev(EventKind::kStart, "workflows/all/2-c", "", 1600);
  Ev(EventKind::kEnd, "workflows/all/2-a", "succeeded", 2000);
  Ev(EventKind::kEnd, "workflows/all/2-c", "succeeded", 2100);
  std::string t = RenderTrace(*status);
  EXPECT_NE(t.find("\"name\":\"a\",\"cat\":\"step\",\"ph\":\"X\",\"ts\":0,\"dur\":1000000,\"pid\":"
                   "1,\"tid\":0"),
            std::string::npos)
      << t;
  EXPECT_NE(t.find("\"name\":\"bee\",\"cat\":\"step\",\"ph\":\"X\",\"ts\":100000,\"dur\":400000,"
                   "\"pid\":1,\"tid\":1"),
            std::string::npos)
      << t;
  // c starts after bee ended: it reuses lane 1.
  EXPECT_NE(t.find("\"name\":\"c\",\"cat\":\"step\",\"ph\":\"X\",\"ts\":600000,\"dur\":500000,"
                   "\"pid\":1,\"tid\":1"),
            std::string::npos)
      << t;
  EXPECT_EQ(t.find("\"tid\":2"), std::string::npos);
}

TEST(StatusTextTest, SanitizeFitAndDurations) {
  EXPECT_EQ(SanitizeLine("a\x1b[31mred\x1b[0m\tb\r"), "ared b ");
  EXPECT_EQ(SanitizeLine("bad \xff byte"), "bad ? byte");
  // What a terminal could not show either: a surrogate, an overlong form.
  EXPECT_EQ(SanitizeLine("é \xed\xa0\x80 \xc0\xaf"), "é ??? ??");
  EXPECT_EQ(FitWidth("abcdef", 4, false), "a...");
  EXPECT_EQ(FitWidth("ünïcödé", 5, true), "ünïc…");
  EXPECT_EQ(FitWidth("short", 10, true), "short");
  EXPECT_EQ(FormatDuration(1234), "1.2s");
  EXPECT_EQ(FormatDuration(65000), "1:05");
  EXPECT_EQ(FormatDuration(3723000), "1:02:03");
}

}  // namespace
}  // namespace wfgen

namespace wfgen {
namespace {

TEST_F(StatusViewTest, RetriesShowInTheTableThePlainLinesTheSummaryAndTheTrace) {
  Ev(EventKind::kStart, "workflows/all/2-a", "", 1000);
  Ev(EventKind::kRetry, "workflows/all/2-a", "2 3 4000 exit code 3", 1500);
  const StatusRow& row = status->rows()[1];
  EXPECT_EQ(row.last_line, "retrying (attempt 2 of 3, in 4 s): exit code 3");
  EXPECT_EQ(PlainLine(row, ViewStyle()),
            "[wfgen] retrying   a  (attempt 2 of 3, in 4 s: exit code 3)");
  Ev(EventKind::kRetry, "workflows/all/2-a", "3 3 8000 killed by SIGKILL", 6000);
  Ev(EventKind::kEnd, "workflows/all/2-a", "succeeded on attempt 3 of 3", 15000);
  EXPECT_EQ(PlainLine(row, ViewStyle()), "[wfgen] succeeded  a  14.0s  on attempt 3 of 3");
  EXPECT_EQ(status->Counts().flaky, 1);
  status->Finish(true, 16000);
  std::vector<std::string> summary = RenderSummary(*status, 16000, ViewStyle());
  EXPECT_EQ(summary[0], "wfgen: all: 1 succeeded, 5 up to date (1 flaky: needed retries) in 15.0s");
  EXPECT_NE(std::find(summary.begin(), summary.end(),
                      "  flaky: a (succeeded on attempt 3 of 3), log: proj/.wfgen/logs/a.log"),
            summary.end());
  EXPECT_NE(RenderTrace(*status).find("\"detail\":\"on attempt 3 of 3\",\"attempts\":3"),
            std::string::npos);
}

}  // namespace
}  // namespace wfgen
