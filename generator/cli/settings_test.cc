#include "generator/cli/settings.h"

#include <gtest/gtest.h>

#include "runtime/base/disk_fake.h"

namespace wfgen {
namespace {

TEST(SettingsTest, GivenOnesReplaceKeptOnesOfTheSameName) {
  Settings kept;
  kept.vars = {"--vars.epochs=8", "--vars.gpu=0"};
  kept.schedule = "dataflow";
  Settings given;
  given.vars = {"--vars.epochs", "--vars.seed=1"};  // a bare flag: epochs=true
  given.launcher = "slurm";
  Settings m = MergeSettings(kept, given);
  EXPECT_EQ(m.vars, (std::vector<std::string>{"--vars.gpu=0", "--vars.epochs", "--vars.seed=1"}));
  EXPECT_EQ(m.schedule, "dataflow");
  EXPECT_EQ(m.launcher, "slurm");
  // weasel turns dashes into underscores in the `=` form: the same var.
  Settings dashed;
  dashed.vars = {"--vars.dev-split=0.5"};
  Settings under;
  under.vars = {"--vars.dev_split=0.2"};
  EXPECT_EQ(MergeSettings(under, dashed).vars, dashed.vars);
}

TEST(SettingsTest, TheFileRoundTripsAnyValue) {
  Settings s;
  s.vars = {"--vars.a=x y", "--vars.b=back\\slash", "--vars.c={\"k\": [1, 2]}"};
  s.launcher = "slurm";
  s.retries = "2";
  EXPECT_EQ(RenderSettings(s),
            "var --vars.a=x y\nvar --vars.b=back\\\\slash\nvar --vars.c={\"k\": [1, 2]}\n"
            "launcher slurm\nretries 2\n");
  Settings back;
  std::string err;
  ASSERT_TRUE(ParseSettings(RenderSettings(s) + "from_a_newer_wfgen 3\n", &back, &err)) << err;
  EXPECT_EQ(back, s);  // and an unknown (newer) key is skipped
  EXPECT_FALSE(ParseSettings("var --title=x\n", &back, &err));
  EXPECT_EQ(err, "'--title=x' is not a --vars override");
}

TEST(SettingsTest, WrittenOnlyWhenChangedAndRemovedWhenEmpty) {
  FakeDisk disk;
  std::string err;
  std::string path = SettingsPath("/p", ".wfgen");
  EXPECT_EQ(path, "/p/.wfgen/settings");
  Settings s;
  ASSERT_TRUE(WriteSettings(&disk, path, s, &err)) << err;
  FileInfo info;
  ASSERT_TRUE(disk.Stat(path, &info, &err));
  EXPECT_EQ(info.kind, FileKind::kMissing);  // nothing to keep, no file
  s.schedule = "dataflow";
  ASSERT_TRUE(WriteSettings(&disk, path, s, &err)) << err;
  Settings back;
  ASSERT_TRUE(ReadSettings(&disk, path, &back, &err)) << err;
  EXPECT_EQ(back, s);
  ASSERT_TRUE(WriteSettings(&disk, path, Settings(), &err)) << err;
  ASSERT_TRUE(disk.Stat(path, &info, &err));
  EXPECT_EQ(info.kind, FileKind::kMissing);
}

}  // namespace
}  // namespace wfgen
