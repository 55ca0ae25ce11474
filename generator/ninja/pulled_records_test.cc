// The records `wfgen pull` writes, on the fake disk: only for a command all
// of whose outputs were pulled, and matching the files as they are.
#include "generator/ninja/pulled_records.h"

#include <gtest/gtest.h>

#include "runtime/base/disk_fake.h"
#include "runtime/state/layout.h"
#include "runtime/state/record.h"

namespace wfgen {
namespace {

Command Train() {
  Command c;
  c.name.value = "train";
  c.script = {Text{"python train.py"}};
  c.deps = {Text{"corpus.txt"}};
  c.outputs = {Text{"model.bin"}, Text{"meta.json"}};
  return c;
}

class PulledRecordsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    disk_.Write("/p/corpus.txt", "text\n");
    disk_.Write("/p/model.bin", "weights");
    disk_.Write("/p/meta.json", "{}");
    project_.commands = {Train()};
  }
  FakeDisk disk_;
  Project project_;
};

TEST_F(PulledRecordsTest, ACommandWithEveryOutputPulledIsRecorded) {
  std::vector<std::string> written;
  std::string err;
  ASSERT_TRUE(
      WritePulledRecords(&disk_, "/p", project_, {"meta.json", "model.bin"}, &written, &err))
      << err;
  EXPECT_EQ(written, std::vector<std::string>{"train"});
  Record record;
  ASSERT_TRUE(ParseRecord(disk_.Contents("/p/" + RecordPath("train")), &record, &err)) << err;
  ASSERT_EQ(record.deps.size(), 1u);
  EXPECT_EQ(record.deps[0].path, "corpus.txt");
  EXPECT_EQ(record.deps[0].hash, HashBytes("text\n"));
  ASSERT_EQ(record.outs.size(), 2u);
  EXPECT_EQ(record.outs[0].hash, HashBytes("weights"));
}

TEST_F(PulledRecordsTest, AnOutputThatWasNotPulledLeavesTheCommandToItsDecision) {
  std::vector<std::string> written;
  std::string err;
  ASSERT_TRUE(WritePulledRecords(&disk_, "/p", project_, {"model.bin"}, &written, &err)) << err;
  EXPECT_TRUE(written.empty());
  EXPECT_FALSE(disk_.Exists("/p/" + RecordPath("train")));
}

}  // namespace
}  // namespace wfgen
