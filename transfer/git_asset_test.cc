#include "transfer/git_asset.h"

#include <gtest/gtest.h>

#include "transfer/fake_program_runner.h"

namespace wfgen {
namespace {

TEST(GitAssetTest, SparsePatternMatchesOnePathFromTheRoot) {
  EXPECT_EQ(SparsePattern("assets/dir"), "/assets/dir");
  EXPECT_EQ(SparsePattern("assets/dir/"), "/assets/dir");
  EXPECT_EQ(SparsePattern("a*b?[c]!#d e\\f"), "/a\\*b\\?\\[c]\\!\\#d\\ e\\\\f");
}

TEST(GitAssetTest, RemoteCommitOfDefaultBranch) {
  FakeProgramRunner git;
  git.Answer("git ls-remote -- https://h/r HEAD", 0, "abc123\tHEAD\n");
  std::string commit, err;
  ASSERT_TRUE(GitRemoteCommit(&git, "https://h/r", "", &commit, &err)) << err;
  EXPECT_EQ(commit, "abc123");
}

TEST(GitAssetTest, RemoteCommitPrefersBranchThenPeeledTag) {
  FakeProgramRunner git;
  git.Answer("git ls-remote -- R refs/heads/v1 refs/tags/v1", 0,
             "tagobj\trefs/tags/v1\ncommit1\trefs/tags/v1^{}\n");
  std::string commit, err;
  ASSERT_TRUE(GitRemoteCommit(&git, "R", "v1", &commit, &err)) << err;
  EXPECT_EQ(commit, "commit1");
  git.Answer("git ls-remote -- R refs/heads/v1 refs/tags/v1", 0,
             "tagobj\trefs/tags/v1\nbranch\trefs/heads/v1\n");
  ASSERT_TRUE(GitRemoteCommit(&git, "R", "v1", &commit, &err)) << err;
  EXPECT_EQ(commit, "branch");
}

TEST(GitAssetTest, MissingBranchAndGitFailuresAreErrors) {
  FakeProgramRunner git;
  git.Answer("git ls-remote -- R refs/heads/nope refs/tags/nope", 0, "");
  std::string commit, err;
  EXPECT_FALSE(GitRemoteCommit(&git, "R", "nope", &commit, &err));
  EXPECT_EQ(err, "no branch or tag 'nope' in the repository");
  git.Answer("git ls-remote -- gone HEAD", 128, "fatal: repository 'gone' does not exist\n");
  EXPECT_FALSE(GitRemoteCommit(&git, "gone", "", &commit, &err));
  EXPECT_EQ(err, "git ls-remote failed: fatal: repository 'gone' does not exist");
}

}  // namespace
}  // namespace wfgen
