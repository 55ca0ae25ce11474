#include "runtime/state/wrapper_options.h"

#include <gtest/gtest.h>

namespace wfgen {
namespace {

TEST(WrapperOptionsTest, RendersInOneOrder) {
  WrapperOptions o;
  o.spec_path = ".wfgen/steps/train.step";
  o.hash = "abc";
  o.group_file = ".wfgen/groups/g";
  o.ran = ".wfgen/ran/x";
  o.console = false;
  o.pool = "gpu:2";
  o.limit = "parallel:4";
  EXPECT_EQ(RenderWrapperArgs(o),
            (std::vector<std::string>{"--group", ".wfgen/groups/g", "--ran", ".wfgen/ran/x",
                                      "--no-console", "--pool", "gpu:2", "--limit", "parallel:4",
                                      ".wfgen/steps/train.step", "--h", "abc"}));
}

TEST(WrapperOptionsTest, RoundTrips) {
  WrapperOptions full;
  full.spec_path = "s p/ec.step";
  full.stamp = "st";
  full.depfile = "st.d";
  full.forced = true;
  full.console = false;
  full.group_file = "g";
  full.ran = "r";
  full.pool = "gpu:2";
  full.limit = "parallel:3";
  full.hash = "h";
  WrapperOptions replay;
  replay.replay = "g";
  replay.stamp = "st";
  for (const WrapperOptions& o : {full, replay, WrapperOptions()}) {
    WrapperOptions back;
    std::string err;
    ASSERT_TRUE(ParseWrapperArgs(RenderWrapperArgs(o), &back, &err)) << err;
    EXPECT_EQ(back, o);
  }
}

TEST(WrapperOptionsTest, RefusesWhatItDoesNotKnow) {
  WrapperOptions o;
  std::string err;
  EXPECT_FALSE(ParseWrapperArgs({"--stamp"}, &o, &err));
  EXPECT_EQ(err, "--stamp needs a value");
  EXPECT_FALSE(ParseWrapperArgs({"--stampx", "a"}, &o, &err));
  EXPECT_EQ(err, "unknown option --stampx");
  EXPECT_FALSE(ParseWrapperArgs({"a.step", "b.step"}, &o, &err));
  EXPECT_EQ(err, "unexpected argument b.step");
}

}  // namespace
}  // namespace wfgen
