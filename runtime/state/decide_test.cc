#include "runtime/state/decide.h"

#include <gtest/gtest.h>

#include "runtime/base/disk_fake.h"
#include "runtime/state/fingerprint.h"

namespace wfgen {
namespace {

// A small project on a fake disk: prep reads raw.txt and writes prep.txt.
class DecideTest : public ::testing::Test {
 protected:
  void SetUp() override {
    spec.name = "prep";
    spec.script = {"python prep.py"};
    spec.deps = {"raw.txt"};
    spec.outputs = {"prep.txt"};
    disk.Write("raw.txt", "line1\n");
    disk.Write("prep.txt", "out\n");
  }
  Current Now() {
    Current c;
    c.script = ScriptHash(spec.script, spec.shell);
    Fingerprinter fp(&disk, nullptr);
    std::string err;
    EXPECT_TRUE(fp.TakeAll(spec.deps, &c.deps, &err));
    EXPECT_TRUE(fp.TakeAll(spec.AllOutputs(), &c.outs, &err));
    return c;
  }
  Record RecordNow() {
    Current c = Now();
    Record r;
    r.script = c.script;
    r.deps = c.deps;
    r.outs = c.outs;
    return r;
  }
  Decision DecideNow(const Record* r, bool forced = false) {
    return Decide(spec, r, "", Now(), forced);
  }

  FakeDisk disk;
  StepSpec spec;
};

TEST_F(DecideTest, NoRecordRuns) {
  Decision d = DecideNow(nullptr);
  EXPECT_TRUE(d.run);
  EXPECT_EQ(d.Explain(), "no record of a previous successful run");
}

TEST_F(DecideTest, UnchangedIsSkippedEvenWhenTouched) {
  Record r = RecordNow();
  disk.Tick();
  disk.TouchNow("raw.txt");
  Decision d = DecideNow(&r);
  EXPECT_FALSE(d.run);
  EXPECT_EQ(d.Explain(), "nothing changed");
}

TEST_F(DecideTest, ForcedAndNoSkipRun) {
  Record r = RecordNow();
  EXPECT_EQ(DecideNow(&r, true).Explain(), "forced (--force)");
  spec.no_skip = true;
  EXPECT_EQ(DecideNow(&r).Explain(), "no_skip is set");
}

TEST_F(DecideTest, NoOutputsAlwaysRuns) {
  spec.outputs.clear();
  Record r = RecordNow();
  EXPECT_EQ(DecideNow(&r).Explain(), "it declares no outputs, so it always runs");
}

TEST_F(DecideTest, OutputsNoCacheCountAsOutputs) {
  spec.outputs.clear();
  spec.outputs_no_cache = {"prep.txt"};
  Record r = RecordNow();
  EXPECT_FALSE(DecideNow(&r).run);
}

TEST_F(DecideTest, ScriptChangeRuns) {
  Record r = RecordNow();
  spec.script = {"python  prep.py"};
  EXPECT_EQ(DecideNow(&r).Explain(), "its script changed");
}

TEST_F(DecideTest, ListChangesRun) {
  Record r = RecordNow();
  spec.deps.push_back("config.txt");
  EXPECT_EQ(DecideNow(&r).Explain(), "its list of deps changed");
  spec.deps.pop_back();
  spec.outputs.push_back("more.txt");
  EXPECT_EQ(DecideNow(&r).Explain(), "its list of outputs changed");
}

TEST_F(DecideTest, DepAndOutputChangesNameThePath) {
  Record r = RecordNow();
  disk.Write("raw.txt", "line2\n");
  EXPECT_EQ(DecideNow(&r).Explain(), "dep 'raw.txt' content changed");
  r = RecordNow();
  disk.Remove("prep.txt");
  EXPECT_EQ(DecideNow(&r).Explain(), "output 'prep.txt' was deleted");
}

TEST_F(DecideTest, DeclaredOutputNeverCreatedIsSkippedNextTime) {
  spec.outputs = {"never.txt"};
  Record r = RecordNow();
  EXPECT_FALSE(DecideNow(&r).run);
}

TEST_F(DecideTest, DirectoryChangesNameTheFile) {
  spec.outputs = {"parts/"};
  disk.Write("parts/part-1.txt", "a");
  disk.Write("parts/part-2.txt", "b");
  Record r = RecordNow();
  disk.Write("parts/part-1.txt", "tampered");
  EXPECT_EQ(DecideNow(&r).Explain(), "output 'parts/' file 'part-1.txt' inside it changed");
  disk.Write("parts/part-1.txt", "a");
  disk.Write("parts/extra.txt", "x");
  EXPECT_EQ(DecideNow(&r).Explain(), "output 'parts/' file 'extra.txt' inside it was added");
  disk.Remove("parts/extra.txt");
  disk.Remove("parts/part-2.txt");
  EXPECT_EQ(DecideNow(&r).Explain(), "output 'parts/' file 'part-2.txt' inside it was deleted");
}

TEST_F(DecideTest, UnreadableRecordSaysWhy) {
  Decision d = Decide(spec, nullptr, "checksum mismatch", Now(), false);
  EXPECT_TRUE(d.run);
  EXPECT_EQ(d.Explain(), "no usable record of a previous run (checksum mismatch)");
}

}  // namespace
}  // namespace wfgen
