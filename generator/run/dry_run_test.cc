#include "generator/run/dry_run.h"

#include <gtest/gtest.h>

#include "generator/ninja/emit.h"
#include "generator/project/loader.h"
#include "runtime/base/disk_fake.h"
#include "runtime/state/fingerprint.h"
#include "runtime/state/record.h"

namespace wfgen {
namespace {

class DryRunTest : public ::testing::Test {
 protected:
  void SetUp() override {
    LoadResult r;
    Diagnostics diag;
    ASSERT_TRUE(LoadProject(R"(commands:
  - {name: prep, script: ["python prep.py"], deps: [raw.txt], outputs: [prep.txt]}
  - {name: feat, script: ["python feat.py"], deps: [prep.txt], outputs: [feat.txt]}
  - {name: other, script: ["python other.py"], deps: [config.txt], outputs: [other.txt]}
  - {name: report, script: ["python report.py"], deps: [feat.txt]}
workflows:
  all: [prep, feat, other, report, prep]
)",
                            LoadOptions(), &r, &diag));
    project = r.project;
    plan = MakePlan(project, PlanOptions());
    for (const char* f : {"raw.txt", "prep.txt", "feat.txt", "config.txt", "other.txt"})
      disk.Write(f, std::string(f) + "\n");
    disk.Tick();
    for (const Command& c : project.commands) RecordNow(c);
    disk.Tick();
  }
  // A record as if the command had just succeeded.
  void RecordNow(const Command& c) {
    StepSpec spec = SpecOf(project, c, ".");
    Fingerprinter fp(&disk, nullptr);
    Record rec;
    std::string err;
    rec.script = ScriptHash(spec.script, spec.shell);
    rec.hashed_at_ns = fp.hashed_at_ns();
    fp.TakeAll(spec.deps, &rec.deps, &err);
    fp.TakeAll(spec.AllOutputs(), &rec.outs, &err);
    disk.Write(RecordPath(c.name.value), RenderRecord(rec));
  }
  std::string Summary(const std::set<std::string>& forced = {}) {
    std::vector<DryStep> steps;
    std::string err;
    EXPECT_TRUE(DryRun(project, plan, "all", forced, &disk, &steps, &err)) << err;
    std::string out;
    for (const DryStep& d : steps)
      out += (d.run ? "run " : "skip ") + d.command + ": " + d.why + "\n";
    return out;
  }
  Project project;
  BuildPlan plan;
  FakeDisk disk;
};

TEST_F(DryRunTest, NothingChanged) {
  EXPECT_EQ(Summary(),
            "skip prep: nothing changed\n"
            "skip feat: nothing changed\n"
            "skip other: nothing changed\n"
            "run report: it declares no outputs, so it always runs\n"
            "skip prep: nothing changed\n");
}

TEST_F(DryRunTest, AChangeReachesWhatIsDownstream) {
  disk.Write("raw.txt", "changed\n");
  EXPECT_EQ(Summary(),
            "run prep: dep 'raw.txt' content changed\n"
            "run feat: dep 'prep.txt' will be rebuilt by 'prep' before it\n"
            "skip other: nothing changed\n"
            "run report: it declares no outputs, so it always runs\n"
            "skip prep: up to date after its run earlier in this workflow\n");
}

TEST_F(DryRunTest, ForceRunsEverything) {
  std::string s = Summary({"prep", "feat", "other", "report"});
  EXPECT_EQ(s,
            "run prep: forced (--force)\n"
            "run feat: forced (--force)\n"
            "run other: forced (--force)\n"
            "run report: forced (--force)\n"
            "run prep: forced (--force)\n");
}

}  // namespace
}  // namespace wfgen
