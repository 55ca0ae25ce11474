// `wfgen init` on the fake disk: the template is copied file by file with
// its modes, and nothing is written into a directory that has files.
#include <stdlib.h>

#include <gtest/gtest.h>

#include "generator/cli/commands.h"
#include "runtime/base/disk_fake.h"

namespace wfgen {
namespace {

class InitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("WFGEN_TEMPLATES", "/tpl", 1);
    disk_.Write("/tpl/minimal/project.yml", "commands: []\n");
    disk_.Write("/tpl/minimal/scripts/prep.sh", "#!/bin/sh\n");
    std::string err;
    ASSERT_TRUE(disk_.SetMode("/tpl/minimal/scripts/prep.sh", 0755, &err)) << err;
  }
  void TearDown() override { unsetenv("WFGEN_TEMPLATES"); }

  int Init(std::vector<std::string> positional) {
    ParsedArgs args;
    args.positional = std::move(positional);
    return InitCommand(CommandContext{args, &disk_});
  }
  uint32_t Mode(const std::string& path) {
    FileInfo info;
    std::string err;
    EXPECT_TRUE(disk_.Stat(path, &info, &err)) << err;
    return info.mode;
  }

  FakeDisk disk_;
};

TEST_F(InitTest, CopiesTheTemplateWithItsModes) {
  ASSERT_EQ(Init({"minimal", "new"}), 0);
  EXPECT_EQ(disk_.Contents("new/project.yml"), "commands: []\n");
  EXPECT_EQ(disk_.Contents("new/scripts/prep.sh"), "#!/bin/sh\n");
  EXPECT_EQ(Mode("new/scripts/prep.sh"), 0755u);
  EXPECT_EQ(Mode("new/project.yml"), 0644u);
}

TEST_F(InitTest, ATemplatesNameAloneMakesItInADirectoryOfThatName) {
  ASSERT_EQ(Init({"minimal"}), 0);
  EXPECT_TRUE(disk_.Exists("minimal/scripts/prep.sh"));
}

TEST_F(InitTest, WritesNothingIntoADirectoryThatHasFiles) {
  disk_.Write("new/notes.txt", "mine\n");
  EXPECT_EQ(Init({"minimal", "new"}), 2);
  EXPECT_FALSE(disk_.Exists("new/project.yml"));
  EXPECT_EQ(Init({"nope", "other"}), 2);
  EXPECT_FALSE(disk_.Exists("other"));
}

}  // namespace
}  // namespace wfgen
