#include "runtime/state/layout.h"

#include <gtest/gtest.h>

namespace wfgen {
namespace {

TEST(LayoutTest, TheProjectsFiles) {
  EXPECT_EQ(RecordPath("train"), ".wfgen/state/train.rec");
  EXPECT_EQ(FailedRunPath("train"), ".wfgen/state/train.failed");
  EXPECT_EQ(LogPath("a/b"), ".wfgen/logs/a%2Fb.log");
  EXPECT_EQ(SlotsDir(), ".wfgen/slots");
  EXPECT_EQ(RemoteListPath("a/b"), ".wfgen/remote/a%2Fb.cmds");
  EXPECT_EQ(LocksDir("."), ".wfgen/locks");
  EXPECT_EQ(LocksDir("/p"), "/p/.wfgen/locks");
}

TEST(LayoutTest, ABuildDirectorysFiles) {
  EXPECT_EQ(MetaDir(""), ".wfgen");
  EXPECT_EQ(MetaDir("nlp"), ".wfgen/nlp");
  EXPECT_EQ(StampPath(".wfgen", "workflows/all/1-prep"), ".wfgen/stamps/workflows/all/1-prep");
  EXPECT_EQ(RanPath(".wfgen/nlp", "k"), ".wfgen/nlp/ran/k");
  EXPECT_EQ(StepSpecPath(".wfgen", "train"), ".wfgen/steps/train.step");
  EXPECT_EQ(GroupFilePath(".wfgen", "g"), ".wfgen/groups/g");
  EXPECT_EQ(GroupRunDir(".wfgen", "g"), ".wfgen/run/g");
  EXPECT_EQ(AlwaysPath(".wfgen"), ".wfgen/always");
  EXPECT_EQ(SettingsPath(".wfgen/nlp"), ".wfgen/nlp/settings");
}

TEST(LayoutTest, InsideTheDirectory) {
  EXPECT_TRUE(IsInsideWfgenDir(".wfgen"));
  EXPECT_TRUE(IsInsideWfgenDir(".wfgen/x"));
  EXPECT_FALSE(IsInsideWfgenDir(".wfgenx"));
  EXPECT_FALSE(IsInsideWfgenDir("a/.wfgen"));
  EXPECT_FALSE(IsInsideWfgenDir(""));
}

}  // namespace
}  // namespace wfgen
