// Git assets end to end: wfgen-transfer against repositories served with
// file:// (with and without uploadpack.allowFilter).
#include <sys/stat.h>

#include <gtest/gtest.h>

#include "transfer/asset_servers.h"
#include "transfer/md5_checksum.h"

namespace wfgen {
namespace test {
namespace {

const std::vector<std::string> kIdentity = {"GIT_AUTHOR_NAME=t",     "GIT_AUTHOR_EMAIL=t@t",
                                            "GIT_COMMITTER_NAME=t",  "GIT_COMMITTER_EMAIL=t@t",
                                            "GIT_CONFIG_NOSYSTEM=1", "HOME=/nonexistent"};

ino_t InodeOf(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 ? st.st_ino : 0;
}

class GitAssetsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    mkdir((root / "proj").c_str(), 0777);
    Git({"init", "-q", "-b", "trunk", root / "src"});
    Git({"-C", root / "src", "config", "uploadpack.allowFilter", "true"});
    WriteFile(root / "src/root.txt", "root\n");
    WriteFile(root / "src/data/sub/b.txt", "bee\n");
    WriteFile(root / "src/data/a.txt", "a\n");
    WriteFile(root / "src/other/c.txt", "sea\n");
    Commit("one");
  }
  void Git(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {"git"};
    argv.insert(argv.end(), args.begin(), args.end());
    Process p = Spawn(argv, kIdentity);
    Result r = Finish(&p);
    ASSERT_EQ(r.exit, 0) << r.err;
  }
  void Commit(const std::string& message) {
    Git({"-C", root / "src", "add", "-A"});
    Git({"-C", root / "src", "commit", "-q", "-m", message});
  }
  std::string Repo() const { return "file://" + root / "src"; }
  Result Asset(std::vector<std::string> args) {
    std::vector<std::string> all = {"asset", "--project", root / "proj", "--state", root / "state"};
    all.insert(all.end(), args.begin(), args.end());
    return Transfer(all);
  }
  std::string Dest(const std::string& rel) const { return root / ("proj/" + rel); }
  std::string Checksum(const std::string& path) {
    RealDisk disk;
    Md5Checksummer sums(&disk);
    ChecksumCache out;
    std::string err;
    EXPECT_TRUE(sums.Checksum(path, nullptr, &out, &err)) << err;
    return out.md5;
  }

  TempDir root;
};

TEST_F(GitAssetsTest, SparseDirectoryLandsAtDest) {
  Result r = Asset({"--dest", "assets/data", "--repo", Repo(), "--path", "data"});
  ASSERT_EQ(r.exit, 0) << r.err;
  EXPECT_EQ(ReadFile(Dest("assets/data/a.txt")), "a\n");
  EXPECT_EQ(ReadFile(Dest("assets/data/sub/b.txt")), "bee\n");
  EXPECT_FALSE(Exists(Dest("assets/data/.git")));
  EXPECT_FALSE(Exists(Dest("assets/data.wfgen-part")));
}

TEST_F(GitAssetsTest, SparseFileLandsAtDest) {
  Result r = Asset({"--dest", "r.txt", "--repo", Repo(), "--path", "data/sub/b.txt"});
  ASSERT_EQ(r.exit, 0) << r.err;
  EXPECT_EQ(ReadFile(Dest("r.txt")), "bee\n");
}

TEST_F(GitAssetsTest, WholeRepositoryWithoutItsGitDirectory) {
  Result r = Asset({"--dest", "all", "--repo", Repo(), "--path", ""});
  ASSERT_EQ(r.exit, 0) << r.err;
  EXPECT_EQ(ReadFile(Dest("all/root.txt")), "root\n");
  EXPECT_EQ(ReadFile(Dest("all/other/c.txt")), "sea\n");
  EXPECT_FALSE(Exists(Dest("all/.git")));
}

TEST_F(GitAssetsTest, ServerWithoutFilterSupportStillWorks) {
  Git({"-C", root / "src", "config", "uploadpack.allowFilter", "false"});
  Result r = Asset({"--dest", "d", "--repo", Repo(), "--path", "data"});
  ASSERT_EQ(r.exit, 0) << r.err;
  EXPECT_EQ(ReadFile(Dest("d/a.txt")), "a\n");
}

TEST_F(GitAssetsTest, BranchOrTagAndDefaultBranch) {
  Git({"-C", root / "src", "tag", "v1"});
  Git({"-C", root / "src", "checkout", "-q", "-b", "feature"});
  WriteFile(root / "src/data/a.txt", "feature a\n");
  Commit("feature");
  Git({"-C", root / "src", "checkout", "-q", "trunk"});
  ASSERT_EQ(Asset({"--dest", "f", "--repo", Repo(), "--branch", "feature", "--path", "data"}).exit,
            0);
  EXPECT_EQ(ReadFile(Dest("f/a.txt")), "feature a\n");
  ASSERT_EQ(Asset({"--dest", "t", "--repo", Repo(), "--branch", "v1", "--path", "data"}).exit, 0);
  EXPECT_EQ(ReadFile(Dest("t/a.txt")), "a\n");
  // No branch: the remote's default (trunk here), where weasel crashes.
  ASSERT_EQ(Asset({"--dest", "h", "--repo", Repo(), "--path", "data"}).exit, 0);
  EXPECT_EQ(ReadFile(Dest("h/a.txt")), "a\n");
}

TEST_F(GitAssetsTest, UnchangedIsNotClonedAgainAndANewCommitIs) {
  ASSERT_EQ(Asset({"--dest", "d", "--repo", Repo(), "--path", "data"}).exit, 0);
  ino_t first = InodeOf(Dest("d"));
  Result again = Asset({"--dest", "d", "--repo", Repo(), "--path", "data", "--explain"});
  ASSERT_EQ(again.exit, 0) << again.err;
  EXPECT_EQ(again.out.rfind("asset 'd': up to date (commit ", 0), 0u) << again.out;
  EXPECT_EQ(InodeOf(Dest("d")), first);
  WriteFile(root / "src/data/a.txt", "changed\n");
  Commit("two");
  Result changed = Asset({"--dest", "d", "--repo", Repo(), "--path", "data", "--explain"});
  ASSERT_EQ(changed.exit, 0) << changed.err;
  EXPECT_NE(changed.out.find("fetch: remote commit changed"), std::string::npos) << changed.out;
  EXPECT_EQ(ReadFile(Dest("d/a.txt")), "changed\n");
  EXPECT_FALSE(Exists(Dest("d.wfgen-part")));
}

TEST_F(GitAssetsTest, ChecksumOfTheDirectoryIsChecked) {
  std::string expected = Checksum(root / "src/data");
  ASSERT_EQ(Asset({"--dest", "d", "--repo", Repo(), "--path", "data", "--checksum", expected}).exit,
            0);
  // Right content: not even the remote is asked (the repo may be gone).
  Git({"-C", root / "src", "config", "uploadpack.allowFilter", "true"});
  Result kept = Asset({"--dest", "d", "--repo", "file:///nonexistent", "--path", "data",
                       "--checksum", expected, "--explain"});
  EXPECT_EQ(kept.out, "asset 'd': up to date (checksum matches)\n");
  // A wrong checksum fails and leaves what was there.
  std::string wrong(32, '0');
  Result bad = Asset({"--dest", "e", "--repo", Repo(), "--path", "data", "--checksum", wrong});
  EXPECT_EQ(bad.exit, 1);
  EXPECT_EQ(bad.err, "wfgen: error: asset 'e': " + Repo() + ": checksum mismatch: expected " +
                         wrong + ", got " + expected + "\n");
  EXPECT_FALSE(Exists(Dest("e")));
  EXPECT_FALSE(Exists(Dest("e.wfgen-part")));
}

TEST_F(GitAssetsTest, MissingPathOrRepoIsAnError) {
  Result r = Asset({"--dest", "d", "--repo", Repo(), "--path", "nope"});
  EXPECT_EQ(r.exit, 1);
  EXPECT_EQ(r.err,
            "wfgen: error: asset 'd': " + Repo() + ": path 'nope' is not in the repository\n");
  EXPECT_FALSE(Exists(Dest("d.wfgen-part")));
  Result gone = Asset({"--dest", "d", "--repo", "file://" + root / "gone", "--path", ""});
  EXPECT_EQ(gone.exit, 1);
  EXPECT_NE(gone.err.find("git clone failed: fatal:"), std::string::npos) << gone.err;
}

TEST_F(GitAssetsTest, PathThroughASymlinkTakesNothingFromOutside) {
  // The sparse pattern /escape/hostname does not check out the symlink
  // `escape` itself, so the path is simply absent from the clone (and were
  // it there, GitCheckout refuses parents that resolve out of the clone).
  ASSERT_EQ(symlink("/etc", (root / "src/escape").c_str()), 0);
  Commit("link");
  Result r = Asset({"--dest", "d", "--repo", Repo(), "--path", "escape/hostname"});
  EXPECT_EQ(r.exit, 1);
  EXPECT_EQ(r.err, "wfgen: error: asset 'd': " + Repo() +
                       ": path 'escape/hostname' is not in the repository\n");
  EXPECT_FALSE(Exists(Dest("d")));
  EXPECT_TRUE(Exists("/etc/hostname") || !Exists("/etc"));
}

}  // namespace
}  // namespace test
}  // namespace wfgen
