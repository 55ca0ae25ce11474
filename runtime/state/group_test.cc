// A parallel group's run-state files on the fake disk: what one member
// writes, the others read. (Signalling members is the wrapper's end-to-end
// business: e2e_parallel_test.)
#include "runtime/state/group.h"

#include <unistd.h>

#include <gtest/gtest.h>

#include "runtime/base/disk_fake.h"

namespace wfgen {
namespace {

TEST(GroupSpecTest, RoundTrips) {
  GroupSpec spec;
  spec.label = "group 2 of workflow 'all'";
  spec.project = "..";
  spec.run_dir = ".wfgen/run/all.2";
  spec.members = {"train a", "eval"};
  GroupSpec back;
  std::string err;
  ASSERT_TRUE(ParseGroupSpec(RenderGroupSpec(spec), &back, &err)) << err;
  EXPECT_EQ(back.label, spec.label);
  EXPECT_EQ(back.project, spec.project);
  EXPECT_EQ(back.run_dir, spec.run_dir);
  EXPECT_EQ(back.members, spec.members);
  EXPECT_FALSE(ParseGroupSpec("wfgen-group 1\nlabel x\n", &back, &err));
  EXPECT_EQ(err, "incomplete group file; rerun wfgen");
}

TEST(GroupRunTest, StatusIsReadBackOnlyInTheSameRun) {
  FakeDisk disk;
  GroupRun run(&disk, "run", "100.1");
  EXPECT_EQ(run.ReadStatus("a").state, MemberState::kNotStarted);
  run.WriteStatus("a", MemberState::kTerminated, "b failed");
  EXPECT_EQ(disk.Contents("run/a.status"), "100.1 terminated b failed\n");
  MemberStatus st = run.ReadStatus("a");
  EXPECT_EQ(st.state, MemberState::kTerminated);
  EXPECT_EQ(st.detail, "b failed");
  // A later ninja run does not see what an earlier one left.
  GroupRun later(&disk, "run", "200.1");
  EXPECT_EQ(later.ReadStatus("a").state, MemberState::kNotStarted);
}

TEST(GroupRunTest, TheFirstFailureIsClaimedOnce) {
  FakeDisk disk;
  GroupRun run(&disk, "run", "100.1");
  std::string first;
  EXPECT_EQ(run.FailedMember(), "");
  EXPECT_TRUE(run.ClaimFailure("a", 3, &first));
  EXPECT_EQ(disk.Contents("run/failed"), "100.1 a 3\n");
  EXPECT_FALSE(run.ClaimFailure("b", 1, &first));
  EXPECT_EQ(first, "a");
  EXPECT_EQ(run.FailedMember(), "a");
}

TEST(GroupRunTest, AnEarlierRunsFailureMarkerIsReplaced) {
  FakeDisk disk;
  disk.Write("run/failed", "50.7 old 1\n");
  GroupRun run(&disk, "run", "100.1");
  EXPECT_EQ(run.FailedMember(), "");
  std::string first;
  EXPECT_TRUE(run.ClaimFailure("b", 2, &first));
  EXPECT_EQ(first, "");
  EXPECT_EQ(run.FailedMember(), "b");
}

TEST(GroupRunTest, RegisterNamesThisProcessUntilUnregistered) {
  FakeDisk disk;
  GroupRun run(&disk, "run", "100.1");
  std::string err;
  ASSERT_TRUE(run.Register("a b", &err)) << err;
  EXPECT_EQ(disk.Contents("run/a%20b.pid"), ProcessIdentity(getpid()) + " 100.1\n");
  run.Unregister("a b");
  EXPECT_FALSE(disk.Exists("run/a%20b.pid"));
}

}  // namespace
}  // namespace wfgen
