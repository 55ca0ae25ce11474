#include "transfer/asset_fetch.h"

#include <gtest/gtest.h>

#include "runtime/base/disk_fake.h"
#include "transfer/fake_program_runner.h"

namespace wfgen {
namespace {

class DecideTest : public ::testing::Test {
 protected:
  DecideTest() {
    env.disk = &disk;
    env.runner = &git;
  }
  AssetDecision Decide(const AssetSpec& spec, const AssetRecord* record) {
    AssetDecision d;
    std::string err;
    EXPECT_TRUE(DecideAsset(spec, spec.dest, record, &env, &d, &err)) << err;
    return d;
  }
  static AssetSpec Url(const std::string& url, const std::string& checksum = "") {
    AssetSpec s;
    s.kind = AssetSpec::kUrl;
    s.dest = "a.bin";
    s.url = url;
    s.checksum = checksum;
    return s;
  }
  static AssetSpec Git() {
    AssetSpec s;
    s.kind = AssetSpec::kGit;
    s.dest = "d";
    s.repo = "https://h/r";
    s.path = "sub";
    return s;
  }
  // A record whose checksum cache describes what is on the disk now.
  AssetRecord CachedRecord(const std::string& path, const std::string& md5) {
    FileInfo info;
    std::string err;
    disk.Stat(path, &info, &err);
    AssetRecord r;
    r.dest = path;
    r.url = "https://h/a";
    r.content.md5 = md5;
    r.content.own_write = true;
    r.content.files.push_back({"", StatKey::Of(info)});
    return r;
  }

  FakeDisk disk;
  FakeProgramRunner git;
  AssetEnv env;
};

TEST_F(DecideTest, MissingAndEmptyAreFetched) {
  EXPECT_EQ(Decide(Url("https://h/a"), nullptr).why, "missing");
  disk.Write("a.bin", "");
  AssetDecision d = Decide(Url("https://h/a"), nullptr);
  EXPECT_EQ(d.action, AssetDecision::kFetch);
  EXPECT_EQ(d.why, "empty (0 bytes)");
}

TEST_F(DecideTest, PresentWithoutChecksumKeptUnlessUrlChanged) {
  disk.Write("a.bin", "x");
  EXPECT_EQ(Decide(Url("https://h/a"), nullptr).action, AssetDecision::kKeep);
  AssetRecord r;
  r.dest = "a.bin";
  r.url = "https://h/a";
  AssetDecision same = Decide(Url("https://h/a"), &r);
  EXPECT_EQ(same.action, AssetDecision::kKeep);
  EXPECT_EQ(same.why, "up to date (present, fetched from the same URL)");
  AssetDecision moved = Decide(Url("https://h/b"), &r);
  EXPECT_EQ(moved.action, AssetDecision::kFetch);
  EXPECT_EQ(moved.why, "URL changed (was https://h/a)");
}

TEST_F(DecideTest, ChecksumFromTheCacheReadsNothing) {
  // FakeDisk files cannot be read by the md5 code: a decision that tried
  // would fail. The cached keys match, so it does not try.
  disk.Write("a.bin", "content");
  AssetRecord r = CachedRecord("a.bin", "9a0364b9e99bb480dd25e1f0284c8555");
  AssetDecision d = Decide(Url("https://h/other", "9a0364b9e99bb480dd25e1f0284c8555"), &r);
  EXPECT_EQ(d.action, AssetDecision::kKeep);
  EXPECT_EQ(d.why, "up to date (checksum matches)");
  AssetDecision wrong = Decide(Url("https://h/a", "00000000000000000000000000000000"), &r);
  EXPECT_EQ(wrong.action, AssetDecision::kFetch);
  EXPECT_EQ(wrong.why,
            "checksum differs: expected 00000000000000000000000000000000, got "
            "9a0364b9e99bb480dd25e1f0284c8555");
}

TEST_F(DecideTest, PrivateAssetsAreNeverFetched) {
  AssetSpec s;
  s.dest = "p";
  EXPECT_EQ(Decide(s, nullptr).action, AssetDecision::kPrivateMissing);
  disk.Write("p", "");
  EXPECT_EQ(Decide(s, nullptr).action, AssetDecision::kKeep);
}

TEST_F(DecideTest, GitWithoutRecordIsCloned) {
  disk.Write("d/file", "x");
  AssetDecision d = Decide(Git(), nullptr);
  EXPECT_EQ(d.action, AssetDecision::kFetch);
  EXPECT_EQ(d.why, "no record of the commit it was cloned from");
  EXPECT_TRUE(git.calls.empty());
}

TEST_F(DecideTest, GitKeptWhileTheRemoteCommitIsTheRecordedOne) {
  disk.Write("d/file", "x");
  AssetRecord r;
  r.dest = "d";
  r.repo = "https://h/r";
  r.path = "sub";
  r.commit = "c1";
  git.Answer("git ls-remote -- https://h/r HEAD", 0, "c1\tHEAD\n");
  EXPECT_EQ(Decide(Git(), &r).why, "up to date (commit c1)");
  git.Answer("git ls-remote -- https://h/r HEAD", 0, "c2\tHEAD\n");
  AssetDecision moved = Decide(Git(), &r);
  EXPECT_EQ(moved.action, AssetDecision::kFetch);
  EXPECT_EQ(moved.why, "remote commit changed (c1 -> c2)");
  AssetSpec other = Git();
  other.path = "elsewhere";
  EXPECT_EQ(Decide(other, &r).why, "git source changed (was https://h/r path 'sub')");
}

TEST_F(DecideTest, GitKeptWhenTheRemoteCannotBeAsked) {
  disk.Write("d/file", "x");
  AssetRecord r;
  r.dest = "d";
  r.repo = "https://h/r";
  r.path = "sub";
  r.commit = "c1";
  git.Answer("git ls-remote -- https://h/r HEAD", 128, "fatal: unable to access\n");
  AssetDecision d = Decide(Git(), &r);
  EXPECT_EQ(d.action, AssetDecision::kKeep);
  EXPECT_EQ(
      d.why,
      "kept at commit c1 (cannot ask the remote: git ls-remote failed: fatal: unable to access)");
}

TEST_F(DecideTest, EmptyDirectoryIsFetched) {
  disk.Mkdir("d");
  EXPECT_EQ(Decide(Git(), nullptr).why, "empty directory");
}

}  // namespace
}  // namespace wfgen
