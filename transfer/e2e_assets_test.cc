// wfgen-transfer end to end: the real binary against nginx and the
// fault-injecting server on 127.0.0.1, and git repositories over file://.
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <gtest/gtest.h>

#include "runtime/state/asset_spec.h"
#include "runtime/state/weasel_checksum.h"
#include "transfer/asset_servers.h"

namespace wfgen {
namespace test {
namespace {

bool Contains(const std::string& text, const std::string& what) {
  return text.find(what) != std::string::npos;
}

off_t SizeOf(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 ? st.st_size : -1;
}

class AssetsTest : public ::testing::Test {
 protected:
  AssetsTest() {
    mkdir((root / "proj").c_str(), 0777);
    mkdir((root / "www").c_str(), 0777);
  }
  // Runs `wfgen-transfer asset` in the project with records in state/.
  Result Asset(std::vector<std::string> args, const std::vector<std::string>& env = {}) {
    std::vector<std::string> all = {"asset", "--project", project(), "--state", root / "state"};
    all.insert(all.end(), args.begin(), args.end());
    return Transfer(all, env);
  }
  std::string project() const { return root / "proj"; }
  std::string Dest(const std::string& rel) const { return root / ("proj/" + rel); }
  // Serves `bytes` as www/NAME (the fault server's docroot).
  void Serve(const std::string& name, const std::string& bytes) {
    WriteFile(root / ("www/" + name), bytes);
  }

  TempDir root;
};

// --- nginx ----------------------------------------------------------------

class NginxTest : public AssetsTest {
 protected:
  NginxTest() : nginx(root / "nginx") {}
  void SetUp() override { ASSERT_TRUE(nginx.ok()) << nginx.error(); }
  void Put(const std::string& name, const std::string& bytes) {
    WriteFile(root / ("nginx/www/" + name), bytes);
  }
  Nginx nginx;
};

TEST_F(NginxTest, FetchesIntoPlaceAndRecords) {
  std::string bytes = TestBytes(300000, 1);
  Put("a.bin", bytes);
  Result r = Asset({"--dest", "assets/a.bin", "--url", nginx.Url("/a.bin")});
  ASSERT_EQ(r.exit, 0) << r.err;
  EXPECT_EQ(ReadFile(Dest("assets/a.bin")), bytes);
  EXPECT_FALSE(Exists(Dest("assets/a.bin.wfgen-part")));
  EXPECT_EQ(r.out, "");
}

TEST_F(NginxTest, ChecksumAcceptedThenSecondRunDownloadsNothing) {
  std::string bytes = TestBytes(100000, 2);
  Put("a.bin", bytes);
  std::vector<std::string> args = {"--dest",     "a.bin",       "--url",    nginx.Url("/a.bin"),
                                   "--checksum", Md5Hex(bytes), "--explain"};
  Result r = Asset(args);
  ASSERT_EQ(r.exit, 0) << r.err;
  EXPECT_EQ(r.out, "asset 'a.bin': fetch: missing\nasset 'a.bin': fetched 100000 bytes\n");
  r = Asset(args);
  ASSERT_EQ(r.exit, 0) << r.err;
  EXPECT_EQ(r.out, "asset 'a.bin': up to date (checksum matches)\n");
  EXPECT_EQ(nginx.Requests("/a.bin"), 1);
}

TEST_F(NginxTest, WithoutChecksumSecondRunDownloadsNothing) {
  Put("a.bin", TestBytes(5000, 3));
  for (int i = 0; i < 2; ++i) {
    Result r = Asset({"--dest", "a.bin", "--url", nginx.Url("/a.bin")});
    ASSERT_EQ(r.exit, 0) << r.err;
  }
  EXPECT_EQ(nginx.Requests("/a.bin"), 1);
}

TEST_F(NginxTest, DestAlreadyRightIsNotDownloaded) {
  std::string bytes = TestBytes(5000, 4);
  Put("a.bin", bytes);
  WriteFile(Dest("a.bin"), bytes);
  Result r = Asset({"--dest", "a.bin", "--url", nginx.Url("/a.bin"), "--checksum", Md5Hex(bytes)});
  ASSERT_EQ(r.exit, 0) << r.err;
  EXPECT_EQ(nginx.Requests("/a.bin"), 0);
}

TEST_F(NginxTest, WrongChecksumAtDestIsFetchedAgain) {
  std::string bytes = TestBytes(5000, 5);
  Put("a.bin", bytes);
  WriteFile(Dest("a.bin"), "stale");
  Result r = Asset(
      {"--dest", "a.bin", "--url", nginx.Url("/a.bin"), "--checksum", Md5Hex(bytes), "--dry"});
  EXPECT_EQ(r.out, "asset 'a.bin': would fetch: checksum differs: expected " + Md5Hex(bytes) +
                       ", got " + Md5Hex("stale") + "\n");
  EXPECT_EQ(ReadFile(Dest("a.bin")), "stale");
  r = Asset({"--dest", "a.bin", "--url", nginx.Url("/a.bin"), "--checksum", Md5Hex(bytes)});
  ASSERT_EQ(r.exit, 0) << r.err;
  EXPECT_EQ(ReadFile(Dest("a.bin")), bytes);
}

TEST_F(NginxTest, ChecksumMismatchLeavesDestAndNoTemp) {
  Put("a.bin", TestBytes(5000, 6));
  WriteFile(Dest("a.bin"), "old");
  std::string wrong = Md5Hex("something else");
  std::string url = nginx.Url("/a.bin");
  Result r = Asset({"--dest", "a.bin", "--url", url, "--checksum", wrong});
  EXPECT_EQ(r.exit, 1);
  EXPECT_EQ(r.err, "wfgen: error: asset 'a.bin': " + url + ": checksum mismatch: expected " +
                       wrong + ", got " + Md5Hex(TestBytes(5000, 6)) + "\n");
  EXPECT_EQ(ReadFile(Dest("a.bin")), "old");
  EXPECT_FALSE(Exists(Dest("a.bin.wfgen-part")));
}

TEST_F(NginxTest, UrlChangeRefetches) {
  Put("one.bin", "first version");
  Put("two.bin", "second version");
  ASSERT_EQ(Asset({"--dest", "a.bin", "--url", nginx.Url("/one.bin")}).exit, 0);
  Result r = Asset({"--dest", "a.bin", "--url", nginx.Url("/two.bin"), "--dry"});
  EXPECT_EQ(r.out, "asset 'a.bin': would fetch: URL changed (was " + nginx.Url("/one.bin") + ")\n");
  ASSERT_EQ(Asset({"--dest", "a.bin", "--url", nginx.Url("/two.bin")}).exit, 0);
  EXPECT_EQ(ReadFile(Dest("a.bin")), "second version");
}

TEST_F(NginxTest, ZeroByteFileIsFetchedAgain) {
  Put("a.bin", "content");
  WriteFile(Dest("a.bin"), "");
  Result r = Asset({"--dest", "a.bin", "--url", nginx.Url("/a.bin"), "--explain"});
  ASSERT_EQ(r.exit, 0) << r.err;
  EXPECT_TRUE(Contains(r.out, "fetch: empty (0 bytes)"));
  EXPECT_EQ(ReadFile(Dest("a.bin")), "content");
}

TEST_F(NginxTest, PresentFileWithoutChecksumOrRecordIsKept) {
  Put("a.bin", "remote");
  WriteFile(Dest("a.bin"), "mine");
  Result r = Asset({"--dest", "a.bin", "--url", nginx.Url("/a.bin")});
  ASSERT_EQ(r.exit, 0) << r.err;
  EXPECT_EQ(ReadFile(Dest("a.bin")), "mine");
  EXPECT_EQ(nginx.Requests("/a.bin"), 0);
}

TEST_F(NginxTest, SpecFileAndProgressLines) {
  std::string bytes = TestBytes(200000, 7);
  Put("a.bin", bytes);
  AssetSpec spec;
  spec.kind = AssetSpec::kUrl;
  spec.dest = "data/my asset.bin";
  spec.url = nginx.Url("/a.bin");
  spec.checksum = Md5Hex(bytes);
  WriteFile(root / "spec", RenderAssetSpec(spec));
  Result r = Asset({"--spec", root / "spec", "--progress"});
  ASSERT_EQ(r.exit, 0) << r.err;
  EXPECT_EQ(ReadFile(Dest("data/my asset.bin")), bytes);
  // The last line reports the whole file.
  EXPECT_TRUE(Contains(r.err, "progress 200000 200000 data/my asset.bin\n")) << r.err;
}

TEST_F(NginxTest, SigkillMidDownloadLeavesOldDestAndNextRunCleansUp) {
  std::string bytes = TestBytes(2 << 20, 8);  // 32 s at nginx's limit_rate of 64k
  Put("big.bin", bytes);
  WriteFile(Dest("big.bin"), "old");
  Process p = StartTransfer({"asset", "--project", project(), "--dest", "big.bin", "--url",
                             nginx.Url("/slow/big.bin"), "--checksum", Md5Hex(bytes)});
  std::string part = Dest("big.bin.wfgen-part");
  ASSERT_TRUE(WaitFor([&] { return SizeOf(part) > 0; }, 30));
  kill(p.pid, SIGKILL);
  Result killed = Finish(&p);
  EXPECT_EQ(killed.exit, 128 + SIGKILL);
  EXPECT_EQ(ReadFile(Dest("big.bin")), "old");
  // The next run empties the left-over part file and fetches in full.
  Result r =
      Asset({"--dest", "big.bin", "--url", nginx.Url("/big.bin"), "--checksum", Md5Hex(bytes)});
  ASSERT_EQ(r.exit, 0) << r.err;
  EXPECT_EQ(ReadFile(Dest("big.bin")), bytes);
  EXPECT_FALSE(Exists(part));
}

TEST_F(NginxTest, SigkillWithoutOldDestLeavesNoDest) {
  Put("big.bin", TestBytes(2 << 20, 9));
  Process p = StartTransfer(
      {"asset", "--project", project(), "--dest", "big.bin", "--url", nginx.Url("/slow/big.bin")});
  ASSERT_TRUE(WaitFor([&] { return SizeOf(Dest("big.bin.wfgen-part")) > 0; }, 30));
  kill(p.pid, SIGKILL);
  Finish(&p);
  EXPECT_FALSE(Exists(Dest("big.bin")));
  // A check that finds the asset up to date also removes the stale part.
  WriteFile(Dest("big.bin"), "placed by hand");
  ASSERT_EQ(Asset({"--dest", "big.bin", "--url", nginx.Url("/big.bin")}).exit, 0);
  EXPECT_FALSE(Exists(Dest("big.bin.wfgen-part")));
}

// --- the fault-injecting server -------------------------------------------

class FaultTest : public AssetsTest {
 protected:
  FaultTest() : server(root / "www", root / "requests.log") {}
  void SetUp() override { ASSERT_TRUE(server.ok()); }
  FaultServer server;
};

TEST_F(FaultTest, NotFoundNamesAssetUrlAndCause) {
  std::string url = server.Url("/nothing/here.bin");
  Result r = Asset({"--dest", "a.bin", "--url", url});
  EXPECT_EQ(r.exit, 1);
  EXPECT_EQ(r.err, "wfgen: error: asset 'a.bin': " + url + ": 404 Not Found\n");
  EXPECT_FALSE(Exists(Dest("a.bin")));
  EXPECT_FALSE(Exists(Dest("a.bin.wfgen-part")));
  EXPECT_EQ(server.Requests("/nothing/here.bin"), 1);  // a 404 is not retried
}

TEST_F(FaultTest, RetriesAfter500) {
  Serve("a.bin", TestBytes(10000, 10));
  Result r = Asset({"--dest", "a.bin", "--url", server.Url("/fail-2/a.bin")});
  ASSERT_EQ(r.exit, 0) << r.err;
  EXPECT_EQ(ReadFile(Dest("a.bin")), TestBytes(10000, 10));
  EXPECT_EQ(server.Requests("/fail-2/a.bin"), 3);
}

TEST_F(FaultTest, GivesUpAfterTheLastAttempt) {
  Serve("a.bin", "x");
  std::string url = server.Url("/fail-9/a.bin");
  Result r = Asset({"--dest", "a.bin", "--url", url}, {"WFGEN_TRANSFER_ATTEMPTS=3"});
  EXPECT_EQ(r.exit, 1);
  EXPECT_EQ(r.err,
            "wfgen: error: asset 'a.bin': " + url + ": 500 Internal Server Error (3 attempts)\n");
  EXPECT_EQ(server.Requests("/fail-9/a.bin"), 3);
  EXPECT_FALSE(Exists(Dest("a.bin.wfgen-part")));
}

TEST_F(FaultTest, ResumesACutBodyWithRange) {
  std::string bytes = TestBytes(100000, 11);
  Serve("a.bin", bytes);
  Result r = Asset(
      {"--dest", "a.bin", "--url", server.Url("/cut-range/a.bin"), "--checksum", Md5Hex(bytes)});
  ASSERT_EQ(r.exit, 0) << r.err;
  EXPECT_EQ(ReadFile(Dest("a.bin")), bytes);
  EXPECT_EQ(server.Ranges("/cut-range/a.bin"), (std::vector<std::string>{"-", "bytes=50000-"}));
}

TEST_F(FaultTest, RestartsACutBodyWhenRangeIsIgnored) {
  std::string bytes = TestBytes(100000, 12);
  Serve("a.bin", bytes);
  Result r = Asset(
      {"--dest", "a.bin", "--url", server.Url("/cut-norange/a.bin"), "--checksum", Md5Hex(bytes)});
  ASSERT_EQ(r.exit, 0) << r.err;
  EXPECT_EQ(ReadFile(Dest("a.bin")), bytes);
  EXPECT_EQ(server.Ranges("/cut-norange/a.bin"), (std::vector<std::string>{"-", "bytes=50000-"}));
}

TEST_F(FaultTest, LowSpeedTimeoutRetriesAndResumes) {
  // Small, so that libcurl's speed (averaged over 5 s) drops soon.
  std::string bytes = TestBytes(4000, 13);
  Serve("a.bin", bytes);
  Result r = Asset({"--dest", "a.bin", "--url", server.Url("/stall-once/a.bin")},
                   {"WFGEN_TRANSFER_LOW_SPEED_LIMIT=1000", "WFGEN_TRANSFER_LOW_SPEED_TIME=1"});
  ASSERT_EQ(r.exit, 0) << r.err;
  EXPECT_EQ(ReadFile(Dest("a.bin")), bytes);
  EXPECT_EQ(server.Ranges("/stall-once/a.bin"), (std::vector<std::string>{"-", "bytes=1000-"}));
}

TEST_F(FaultTest, ConnectionRefusedIsRetriedThenReported) {
  // A port nobody listens on: bound, then closed by the server's exit.
  std::string url;
  {
    TempDir other;
    FaultServer gone(other.path(), other / "log");
    ASSERT_TRUE(gone.ok());
    url = gone.Url("/plain/a.bin");
  }
  Result r = Asset({"--dest", "a.bin", "--url", url}, {"WFGEN_TRANSFER_ATTEMPTS=2"});
  EXPECT_EQ(r.exit, 1);
  EXPECT_TRUE(Contains(r.err, "wfgen: error: asset 'a.bin': " + url + ": ")) << r.err;
  EXPECT_TRUE(Contains(r.err, "(2 attempts)")) << r.err;
}

TEST_F(FaultTest, UsesTheProxyFromTheEnvironment) {
  Serve("a.bin", "via proxy");
  Result r = Asset({"--dest", "a.bin", "--url", "http://assets.invalid/plain/a.bin"},
                   {"http_proxy=" + server.Url("")});
  ASSERT_EQ(r.exit, 0) << r.err;
  EXPECT_EQ(ReadFile(Dest("a.bin")), "via proxy");
  EXPECT_EQ(server.Requests("http://assets.invalid/plain/a.bin"), 1);
}

// --- inputs that must be refused ----------------------------------------

TEST_F(AssetsTest, HostileInputsAreRefused) {
  struct Case {
    std::vector<std::string> args;
    std::string err;
  } cases[] = {
      {{"--dest", "../escape.bin", "--url", "http://127.0.0.1:1/x"},
       "wfgen: error: asset '../escape.bin': dest '../escape.bin' contains '..': it must stay "
       "inside the project\n"},
      {{"--dest", "a/../../escape.bin", "--url", "http://127.0.0.1:1/x"},
       "wfgen: error: asset 'a/../../escape.bin': dest 'a/../../escape.bin' contains '..': it "
       "must stay inside the project\n"},
      {{"--dest", "/tmp/abs.bin", "--url", "http://127.0.0.1:1/x"},
       "wfgen: error: asset '/tmp/abs.bin': dest '/tmp/abs.bin' is absolute: it must be a path "
       "inside the project\n"},
      {{"--dest", "a.bin", "--url", "file:///etc/passwd"},
       "wfgen: error: asset 'a.bin': unsupported URL scheme 'file': only http:// and https:// "
       "assets are downloaded\n"},
      {{"--dest", "a.bin", "--url", "/etc/passwd"},
       "wfgen: error: asset 'a.bin': '/etc/passwd' is not a URL: only http:// and https:// "
       "assets are downloaded\n"},
      {{"--dest", "a", "--repo", "--upload-pack=touch /tmp/pwned", "--path", ""},
       "wfgen: error: asset 'a': the git repo '--upload-pack=touch /tmp/pwned' starts with '-', "
       "which git would read as an option\n"},
      {{"--dest", "a", "--repo", "file:///x", "--path", "../../etc"},
       "wfgen: error: asset 'a': git path '../../etc' contains '..': it must stay inside the "
       "project\n"},
  };
  for (const Case& c : cases) {
    Result r = Asset(c.args);
    EXPECT_EQ(r.exit, 1);
    EXPECT_EQ(r.err, c.err);
  }
  EXPECT_FALSE(Exists(root / "escape.bin"));
}

TEST_F(AssetsTest, DestThroughASymlinkOutOfTheProjectIsRefused) {
  mkdir((root / "outside").c_str(), 0777);
  ASSERT_EQ(symlink((root / "outside").c_str(), Dest("link").c_str()), 0);
  Result r = Asset({"--dest", "link/a.bin", "--url", "http://127.0.0.1:1/x"});
  EXPECT_EQ(r.exit, 1);
  EXPECT_TRUE(Contains(r.err, "dest leads out of the project")) << r.err;
}

TEST_F(AssetsTest, PrivateAssetMissingIsAWarning) {
  Result r =
      Asset({"--dest", "corpus/train.spacy", "--private", "--description", "The training data"});
  EXPECT_EQ(r.exit, 0);
  EXPECT_EQ(r.err,
            "wfgen: warning: asset 'corpus/train.spacy' is missing: you need to add it yourself "
            "(The training data)\n");
}

TEST_F(AssetsTest, PrivateAssetWithWrongChecksumFails) {
  WriteFile(Dest("p.txt"), "mine");
  Result r = Asset({"--dest", "p.txt", "--private", "--checksum", Md5Hex("theirs")});
  EXPECT_EQ(r.exit, 1);
  EXPECT_EQ(r.err, "wfgen: error: asset 'p.txt': checksum differs: expected " + Md5Hex("theirs") +
                       ", got " + Md5Hex("mine") + "\n");
}

TEST_F(AssetsTest, DryChangesNothing) {
  Result r = Asset({"--dest", "sub/a.bin", "--url", "http://127.0.0.1:1/a.bin", "--dry"});
  EXPECT_EQ(r.exit, 0) << r.err;
  EXPECT_EQ(r.out, "asset 'sub/a.bin': would fetch: missing\n");
  EXPECT_FALSE(Exists(Dest("sub")));
  EXPECT_FALSE(Exists(root / "state"));
}

}  // namespace
}  // namespace test
}  // namespace wfgen
