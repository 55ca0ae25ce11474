// End-to-end: state files that are truncated, corrupt, from another
// version or not files at all. A record that cannot be trusted is "no
// record": one warning line, the step runs, a good record replaces it.
// Never a crash, never a skip on the strength of a bad record.
#include <gtest/gtest.h>

#include "runtime/state/record.h"
#include "tests/test_space.h"

namespace wfgen {
namespace test {
namespace {

using Runs = std::vector<std::string>;

const char kProject[] = R"(max_parallel_processes: 2
commands:
  - name: a
    script: ["steptool a --in in.txt --out a.txt"]
    deps: [in.txt]
    outputs: [a.txt]
  - name: b
    script: ["steptool b --in a.txt --out b.txt"]
    deps: [a.txt]
    outputs: [b.txt]
  - name: c
    script: ["steptool c --in a.txt --out c.txt"]
    deps: [a.txt]
    outputs: [c.txt]
workflows:
  all: [a, {parallel: [b, c]}]
)";

class StateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    s.Write("in.txt", "x\n");
    s.Write("project.yml", kProject);
    ASSERT_EQ(s.Wfgen().exit, 0);
    RunResult r = s.Ninja({"all"});
    ASSERT_EQ(r.exit, 0) << r.output;
    s.TakeRuns();
  }
  bool RecordValid(const std::string& name) {
    Record r;
    std::string err;
    return ParseRecord(s.Read(".wfgen/state/" + name + ".rec"), &r, &err);
  }
  TestSpace s;
};

TEST_F(StateTest, EveryKindOfBadRecordMeansNoRecordWithOneWarning) {
  std::string good = s.Read(".wfgen/state/a.rec");
  ASSERT_GT(good.size(), 40u);
  struct Case {
    std::string what, content;
  };
  std::string flipped = good;
  flipped[flipped.size() / 2] ^= 0x20;
  std::string future = good;
  future.replace(0, 14, "wfgen-record 2");
  const std::vector<Case> cases = {
      {"truncated in the middle", good.substr(0, good.size() / 2)},
      {"truncated before the checksum's end", good.substr(0, good.size() - 3)},
      {"one byte changed", flipped},
      {"empty", ""},
      {"binary garbage", std::string("\x7f"
                                     "ELF\x02\x01\x01\0\0\xff\xfe",
                                     12)},
      {"from another version", future},
      {"weasel's lock format", "prep:\n  cmd: python -m weasel run prep\n"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    s.Write(".wfgen/state/a.rec", c.content);
    s.Touch("in.txt");  // so that ninja starts a's wrapper
    RunResult r = s.Ninja({"all"});
    EXPECT_EQ(r.exit, 0) << r.output;
    EXPECT_EQ(CountOf(r.output, "wfgen: warning: ignoring unreadable record .wfgen/state/a.rec: "),
              1)
        << r.output;
    EXPECT_EQ(CountOf(r.output, "warning"), 1) << r.output;
    EXPECT_EQ(s.TakeRuns(), Runs{"a"}) << r.output;  // same bytes: b and c skip
    EXPECT_TRUE(RecordValid("a"));
    r = s.Ninja({"all"});
    EXPECT_NE(r.output.find("ninja: no work to do."), std::string::npos) << r.output;
  }
}

TEST_F(StateTest, AStateDirectoryFromAnotherVersionIsReplacedNotTrusted) {
  for (const char* name : {"a", "b", "c"}) {
    std::string rec = s.Read(std::string(".wfgen/state/") + name + ".rec");
    rec.replace(0, 14, "wfgen-record 9");
    s.Write(std::string(".wfgen/state/") + name + ".rec", rec);
  }
  s.Write(".wfgen/state/index.sqlite", std::string(4096, '\0'));
  s.Write(".wfgen/state/sub/dir/x.rec", "junk");
  s.Touch("in.txt");
  s.Touch("a.txt");
  RunResult r = s.Ninja({"all"});
  EXPECT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(CountOf(r.output, "ignoring unreadable record"), 3) << r.output;
  Runs runs = s.TakeRuns();
  std::sort(runs.begin(), runs.end());
  EXPECT_EQ(runs, (Runs{"a", "b", "c"}));
  for (const char* name : {"a", "b", "c"}) EXPECT_TRUE(RecordValid(name)) << name;
}

TEST_F(StateTest, ADirectoryWhereARecordBelongsIsAClearFailure) {
  s.Remove(".wfgen/state/a.rec");
  s.Write(".wfgen/state/a.rec/oops", "x");
  s.Touch("in.txt");
  RunResult r = s.Ninja({"all"});
  EXPECT_NE(r.exit, 0);
  EXPECT_NE(r.output.find("'a' succeeded but its record could not be written: cannot rename over "
                          ".wfgen/state/a.rec"),
            std::string::npos)
      << r.output;
  // Not recorded, so it runs again once the way is clear.
  s.Remove(".wfgen/state/a.rec");
  s.TakeRuns();
  r = s.Ninja({"all"});
  EXPECT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(s.TakeRuns(), Runs{"a"});
}

TEST_F(StateTest, ACorruptStepFileIsAClearErrorAndRegeneratingRepairsIt) {
  s.Write(".wfgen/steps/a.step", "wfgen-step 7\nwhatever\n");
  s.Touch("in.txt");
  RunResult r = s.Ninja({"all"});
  EXPECT_NE(r.exit, 0);
  EXPECT_NE(r.output.find("wfgen-run: .wfgen/steps/a.step: not a wfgen step file (or written by "
                          "another version of wfgen); rerun wfgen"),
            std::string::npos)
      << r.output;
  EXPECT_EQ(s.TakeRuns(), Runs{});
  ASSERT_EQ(s.Wfgen().exit, 0);
  r = s.Ninja({"all"});
  EXPECT_EQ(r.exit, 0) << r.output;
}

TEST_F(StateTest, AGroupFileOrRunStateFromAnotherVersion) {
  s.Write(".wfgen/groups/workflows/all/2.group", "wfgen-group 3\nmember b\n");
  s.Touch("a.txt");
  RunResult r = s.Ninja({"all"});
  EXPECT_NE(r.exit, 0);
  EXPECT_NE(r.output.find("not a wfgen group file (or from another version); rerun wfgen"),
            std::string::npos)
      << r.output;
  ASSERT_EQ(s.Wfgen().exit, 0);
  // Garbage in the group's run state, the locks and the slots is ignored.
  s.Write(".wfgen/run/workflows/all/2.group/failed", "1.1 b 3\n");
  s.Write(".wfgen/run/workflows/all/2.group/b.pid", "1.1 garbage\n");
  s.Write(".wfgen/run/workflows/all/2.group/c.status", "\xff\xfe\n");
  s.Write(".wfgen/locks/owner", "wfgen-owner 1\nowner 1.999999999\n");
  s.Write(".wfgen/locks/b.lock", "junk");
  s.Touch("a.txt");
  s.TakeRuns();
  r = s.Ninja({"all"});
  EXPECT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(CountProcesses(s.dir()), 0);
}

}  // namespace
}  // namespace test
}  // namespace wfgen
