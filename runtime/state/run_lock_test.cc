#include "runtime/state/run_lock.h"

#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "runtime/state/group.h"

namespace wfgen {
namespace {

class RunLockTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char templ[] = "/tmp/wfgen-lock-XXXXXX";
    ASSERT_NE(mkdtemp(templ), nullptr);
    dir_ = templ;
  }
  void TearDown() override {
    if (child_ > 0) {
      kill(child_, SIGKILL);
      waitpid(child_, nullptr, 0);
    }
    std::string cmd = "rm -rf '" + dir_ + "'";
    EXPECT_EQ(system(cmd.c_str()), 0);
  }
  std::string Owner() const {
    std::ifstream f(dir_ + "/.wfgen/locks/owner");
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
  }
  void SetOwner(const std::string& identity) {
    system(("mkdir -p '" + dir_ + "/.wfgen/locks'").c_str());
    std::ofstream(dir_ + "/.wfgen/locks/owner") << "wfgen-owner 1\nowner " << identity << "\n";
  }
  // A live process that is not our ancestor.
  std::string StartStranger() {
    child_ = fork();
    if (child_ == 0) {
      pause();
      _exit(0);
    }
    std::string id;
    for (int i = 0; i < 100 && id.empty(); ++i) id = ProcessIdentity(child_);
    return id;
  }
  ClaimResult Claim(const std::string& owner, LockWait how, std::string* err,
                    std::function<bool()> cancelled = nullptr) {
    ClaimRequest r;
    r.disk = &disk_;
    r.project_dir = dir_;
    r.owner = owner;
    r.how = how;
    r.cancelled = std::move(cancelled);
    int fd = -1;
    ClaimResult result = ClaimProject(r, &fd, err);
    if (fd >= 0) close(fd);
    return result;
  }

  // The locks are flock(2)s between processes: the real disk.
  RealDisk disk_;
  std::string dir_;
  pid_t child_ = -1;
};

TEST_F(RunLockTest, AFreeProjectIsClaimedAndNamesItsOwner) {
  std::string err, me = ProcessIdentity(getpid());
  EXPECT_EQ(Claim(me, LockWait::kFail, &err), ClaimResult::kOwned) << err;
  EXPECT_EQ(Owner(), "wfgen-owner 1\nowner " + me + "\n");
  EXPECT_EQ(Claim(me, LockWait::kFail, &err), ClaimResult::kOwned) << err;
}

TEST_F(RunLockTest, AnOwnerThatIsGoneIsReplaced) {
  SetOwner("999999999.12345");
  std::string err, me = ProcessIdentity(getpid());
  EXPECT_EQ(Claim(me, LockWait::kFail, &err), ClaimResult::kOwned) << err;
  EXPECT_EQ(Owner(), "wfgen-owner 1\nowner " + me + "\n");
  // The same pid with another start time is another (dead) process too.
  SetOwner(std::to_string(getpid()) + ".1");
  EXPECT_EQ(Claim(me, LockWait::kFail, &err), ClaimResult::kOwned) << err;
  // And a file that is not ours at all.
  system(("echo garbage > '" + dir_ + "/.wfgen/locks/owner'").c_str());
  EXPECT_EQ(Claim(me, LockWait::kFail, &err), ClaimResult::kOwned) << err;
}

TEST_F(RunLockTest, ALiveOtherOwnerMeansBusyOrWait) {
  std::string stranger = StartStranger();
  ASSERT_FALSE(stranger.empty());
  SetOwner(stranger);
  std::string err, me = ProcessIdentity(getpid());
  EXPECT_EQ(Claim(me, LockWait::kFail, &err), ClaimResult::kBusy);
  EXPECT_NE(err.find("another run of this project is in progress (pid " + std::to_string(child_)),
            std::string::npos)
      << err;
  int polls = 0;
  EXPECT_EQ(Claim(me, LockWait::kWait, &err, [&] { return ++polls > 3; }), ClaimResult::kCancelled);
  EXPECT_GT(polls, 3);
  kill(child_, SIGKILL);
  waitpid(child_, nullptr, 0);
  child_ = -1;
  EXPECT_EQ(Claim(me, LockWait::kFail, &err), ClaimResult::kOwned) << err;
}

TEST_F(RunLockTest, AnAncestorOwnerIsOurRun) {
  std::string parent = ProcessIdentity(getppid());
  SetOwner(parent);
  std::string err;
  EXPECT_EQ(Claim(ProcessIdentity(getpid()), LockWait::kFail, &err), ClaimResult::kOwned) << err;
  EXPECT_EQ(Owner(), "wfgen-owner 1\nowner " + parent + "\n");  // unchanged
}

TEST_F(RunLockTest, ProjectLockReleasesWhatItOwns) {
  std::string err;
  {
    ProjectLock lock(&disk_);
    EXPECT_EQ(lock.Acquire(dir_, LockWait::kFail, &err), ClaimResult::kOwned) << err;
    EXPECT_NE(Owner().find(ProcessIdentity(getpid())), std::string::npos);
  }
  EXPECT_EQ(Owner(), "");
}

TEST_F(RunLockTest, AStepOfAnotherRunWaitsWhileTheOldRunsStepsStillStop) {
  // Our run holds `active` (its wrappers are alive) but has a dead owner
  // name: a newcomer must wait for the holders, not take over at once.
  SetOwner("999999999.12345");
  int held = -1;
  std::string err;
  ClaimRequest mine;
  mine.disk = &disk_;
  mine.project_dir = dir_;
  mine.owner = ProcessIdentity(getpid());
  ASSERT_EQ(ClaimProject(mine, &held, &err), ClaimResult::kOwned) << err;
  SetOwner("999999998.12345");  // as if our run had died
  int polls = 0;
  EXPECT_EQ(Claim("999999997.1", LockWait::kFail, &err, [&] { return ++polls > 3; }),
            ClaimResult::kCancelled);
  close(held);
  EXPECT_EQ(Claim("999999997.1", LockWait::kFail, &err), ClaimResult::kOwned) << err;
}

TEST_F(RunLockTest, OneCommandAtATime) {
  std::string err;
  bool waited = true;
  auto first = std::make_unique<CommandLock>(&disk_);
  ASSERT_EQ(first->Acquire(dir_, "train", nullptr, &waited, &err), ClaimResult::kOwned) << err;
  EXPECT_FALSE(waited);
  CommandLock second(&disk_);
  int polls = 0;
  EXPECT_EQ(second.Acquire(
                dir_, "train", [&] { return ++polls > 3; }, &waited, &err),
            ClaimResult::kCancelled);
  EXPECT_TRUE(waited);
  CommandLock other(&disk_);
  EXPECT_EQ(other.Acquire(dir_, "eval", nullptr, &waited, &err), ClaimResult::kOwned);
  first.reset();
  EXPECT_EQ(second.Acquire(dir_, "train", nullptr, &waited, &err), ClaimResult::kOwned) << err;
}

}  // namespace
}  // namespace wfgen
