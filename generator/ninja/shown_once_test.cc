#include "generator/ninja/shown_once.h"

#include <gtest/gtest.h>

#include "runtime/base/disk_fake.h"

namespace wfgen {
namespace {

// Two warnings of one script (one key) and an ordinary one.
Diagnostics Load(const std::string& key) {
  Diagnostics diag;
  diag.Warning(Loc{3, 9}, "glob").once = key;
  diag.Warning(Loc{4, 9}, "glob again").once = key;
  diag.Warning(Loc{5, 1}, "unknown key");
  return diag;
}

std::vector<std::string> Messages(const Diagnostics& diag) {
  std::vector<std::string> m;
  for (const Diagnostic& d : diag.all()) m.push_back(d.message);
  return m;
}

TEST(ShownOnceTest, ShownOnceThenAgainOnlyWhenTheKeyChanges) {
  FakeDisk disk;
  Diagnostics first = Load("shell aaaa");
  FilterShownOnce(&disk, "/p", &first);
  EXPECT_EQ(Messages(first), (std::vector<std::string>{"glob", "glob again", "unknown key"}));
  EXPECT_EQ(disk.Contents("/p/.wfgen/shown"), "shell aaaa\n");

  Diagnostics second = Load("shell aaaa");
  FilterShownOnce(&disk, "/p", &second);
  EXPECT_EQ(Messages(second), (std::vector<std::string>{"unknown key"}));
  EXPECT_EQ(second.warning_count(), 1);

  // The script changed: shown again, and the old key is dropped, so going
  // back to the first script warns again too.
  Diagnostics changed = Load("shell bbbb");
  FilterShownOnce(&disk, "/p", &changed);
  EXPECT_EQ(changed.all().size(), 3u);
  EXPECT_EQ(disk.Contents("/p/.wfgen/shown"), "shell bbbb\n");
  Diagnostics back = Load("shell aaaa");
  FilterShownOnce(&disk, "/p", &back);
  EXPECT_EQ(back.all().size(), 3u);
}

TEST(ShownOnceTest, AFailedLoadKeepsTheFile) {
  FakeDisk disk;
  Diagnostics first = Load("shell aaaa");
  FilterShownOnce(&disk, "/p", &first);
  // A syntax error stops the load before the warning could be made.
  Diagnostics broken;
  broken.Error(Loc{1, 1}, "YAML syntax");
  FilterShownOnce(&disk, "/p", &broken);
  EXPECT_EQ(disk.Contents("/p/.wfgen/shown"), "shell aaaa\n");
  Diagnostics fixed = Load("shell aaaa");
  FilterShownOnce(&disk, "/p", &fixed);
  EXPECT_EQ(Messages(fixed), (std::vector<std::string>{"unknown key"}));
}

TEST(ShownOnceTest, NothingToRememberWritesNothing) {
  FakeDisk disk;
  Diagnostics diag;
  diag.Warning(Loc{5, 1}, "unknown key");
  FilterShownOnce(&disk, "/p", &diag);
  EXPECT_FALSE(disk.Exists("/p/.wfgen/shown"));
  EXPECT_EQ(diag.all().size(), 1u);
}

}  // namespace
}  // namespace wfgen
