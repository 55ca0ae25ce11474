// End to end: assets as Ninja edges (generator/ninja/emit_assets.h) with the
// real wfgen, wfgen-transfer and ninja, against nginx on 127.0.0.1
// (transfer/asset_servers.h starts it in the test's directory).
#include <gtest/gtest.h>

#include "runtime/state/weasel_checksum.h"
#include "tests/test_space.h"
#include "transfer/asset_servers.h"

namespace wfgen {
namespace test {
namespace {

class AssetsGraphTest : public ::testing::Test {
 protected:
  AssetsGraphTest() : nginx(s.Path("nginx")) {}
  void SetUp() override { ASSERT_TRUE(nginx.ok()) << nginx.error(); }
  void Serve(const std::string& name, const std::string& bytes) {
    WriteFile(s.Path("nginx/www/" + name), bytes);
  }
  TestSpace s;
  Nginx nginx;
};

TEST_F(AssetsGraphTest, NinjaAllFetchesWhatItsStepsReadFirstAndOnlyOnce) {
  std::string bytes = TestBytes(200000, 7);
  Serve("train.bin", bytes);
  s.Write("project.yml",
          "assets:\n"
          "  - dest: assets/train.bin\n"
          "    url: " +
              nginx.Url("/train.bin") +
              "\n"
              "    checksum: " +
              Md5Hex(bytes) +
              "\n"
              "commands:\n"
              "  - name: count\n"
              "    script:\n"
              "      - steptool count --in assets/train.bin --out corpus/copy.bin\n"
              "    deps: [assets/train.bin]\n"
              "    outputs: [corpus/copy.bin]\n"
              "workflows:\n"
              "  all: [count]\n");
  RunResult g = s.Wfgen();
  ASSERT_EQ(g.exit, 0) << g.output;
  RunResult n = s.Ninja({"all"});
  ASSERT_EQ(n.exit, 0) << n.output;
  EXPECT_NE(n.output.find("asset assets/train.bin"), std::string::npos) << n.output;
  EXPECT_EQ(s.Read("assets/train.bin"), bytes);
  EXPECT_TRUE(s.Exists("corpus/copy.bin"));
  EXPECT_EQ(s.TakeRuns(), std::vector<std::string>{"count"});
  EXPECT_EQ(nginx.Requests("/train.bin"), 1);
  // Nothing to do, and no request, the second time.
  n = s.Ninja({"all"});
  ASSERT_EQ(n.exit, 0) << n.output;
  EXPECT_NE(n.output.find("no work to do"), std::string::npos) << n.output;
  EXPECT_EQ(nginx.Requests("/train.bin"), 1);
  // `ninja -t clean` does not throw the download away.
  RunResult c = s.Ninja({"-t", "clean"});
  ASSERT_EQ(c.exit, 0) << c.output;
  EXPECT_EQ(s.Read("assets/train.bin"), bytes);
}

// `wfgen run`: the download is a row of the run, in plain mode a start and
// an end line around the step that reads it.
TEST_F(AssetsGraphTest, WfgenRunShowsTheDownloadAsARow) {
  Serve("in.bin", TestBytes(50000, 9));
  s.Write("project.yml",
          "assets:\n"
          "  - dest: assets/in.bin\n"
          "    url: " +
              nginx.Url("/in.bin") +
              "\n"
              "commands:\n"
              "  - name: use\n"
              "    script: [steptool use --in assets/in.bin --out out.bin]\n"
              "    deps: [assets/in.bin]\n"
              "    outputs: [out.bin]\n"
              "workflows:\n"
              "  all: [use]\n");
  RunResult r = s.Wfgen({"run", "all", "--plain"});
  ASSERT_EQ(r.exit, 0) << r.output;
  size_t start = r.output.find("[wfgen] start      asset assets/in.bin\n");
  size_t done = r.output.find("[wfgen] succeeded  asset assets/in.bin");
  size_t use = r.output.find("[wfgen] start      use");
  ASSERT_NE(start, std::string::npos) << r.output;
  ASSERT_NE(done, std::string::npos) << r.output;
  ASSERT_NE(use, std::string::npos) << r.output;
  EXPECT_LT(start, done);
  EXPECT_LT(done, use);
  EXPECT_NE(r.output.find("wfgen: all: 2 succeeded"), std::string::npos) << r.output;
}

TEST_F(AssetsGraphTest, ANewUrlIsFetchedAgainAndOnlyConsumersOfChangedBytesRerun) {
  Serve("a.txt", "one\n");
  Serve("b.txt", "one\n");
  std::string project =
      "assets:\n"
      "  - dest: assets/in.txt\n"
      "    url: URL\n"
      "commands:\n"
      "  - name: use\n"
      "    script: [steptool use --in assets/in.txt --out out.txt]\n"
      "    deps: [assets/in.txt]\n"
      "    outputs: [out.txt]\n"
      "workflows:\n"
      "  all: [use]\n";
  std::string with_a = project;
  with_a.replace(with_a.find("URL"), 3, nginx.Url("/a.txt"));
  s.Write("project.yml", with_a);
  ASSERT_EQ(s.Wfgen().exit, 0);
  ASSERT_EQ(s.Ninja({"all"}).exit, 0);
  EXPECT_EQ(s.TakeRuns(), std::vector<std::string>{"use"});
  // Same bytes from another URL: fetched again (the URL changed), and
  // restat spares the step.
  s.Replace("project.yml", nginx.Url("/a.txt"), nginx.Url("/b.txt"));
  RunResult n = s.Ninja({"all"});
  ASSERT_EQ(n.exit, 0) << n.output;
  EXPECT_EQ(nginx.Requests("/b.txt"), 1);
  EXPECT_EQ(s.TakeRuns(), std::vector<std::string>{});
}

TEST_F(AssetsGraphTest, AnAssetsOnlyProjectGeneratesAndNinjaAssetsFetchesEverything) {
  Serve("x.bin", "x");
  Serve("y.bin", "y");
  Serve("z.bin", "z");
  s.Write("project.yml",
          "title: assets only\n"
          "assets:\n"
          "  - dest: a/x.bin\n"
          "    url: " +
              nginx.Url("/x.bin") +
              "\n"
              "  - dest: a/y.bin\n"
              "    url: " +
              nginx.Url("/y.bin") +
              "\n"
              "  - dest: a/z.bin\n"
              "    url: " +
              nginx.Url("/z.bin") +
              "\n"
              "    extra: true\n"
              "  - dest: a/private.bin\n"
              "    description: you make this one\n");
  RunResult g = s.Wfgen();
  ASSERT_EQ(g.exit, 0) << g.output;
  RunResult n = s.Ninja({"assets"});
  ASSERT_EQ(n.exit, 0) << n.output;
  EXPECT_EQ(s.Read("a/x.bin"), "x");
  EXPECT_EQ(s.Read("a/y.bin"), "y");
  EXPECT_FALSE(s.Exists("a/z.bin"));  // extra: only when asked
  n = s.Ninja({"assets-extra"});
  ASSERT_EQ(n.exit, 0) << n.output;
  EXPECT_EQ(s.Read("a/z.bin"), "z");
}

TEST_F(AssetsGraphTest, AFailedDownloadFailsTheBuildAndLeavesNoFile) {
  Serve("real.bin", "real bytes");
  s.Write("project.yml",
          "assets:\n"
          "  - dest: assets/real.bin\n"
          "    url: " +
              nginx.Url("/real.bin") +
              "\n"
              "    checksum: \"00000000000000000000000000000000\"\n"
              "  - dest: assets/gone.bin\n"
              "    url: " +
              nginx.Url("/gone.bin") +
              "\n"
              "commands:\n"
              "  - name: use\n"
              "    script: [steptool use]\n"
              "    deps: [assets/real.bin, assets/gone.bin]\n"
              "workflows:\n"
              "  all: [use]\n");
  ASSERT_EQ(s.Wfgen().exit, 0);
  RunResult n = s.Ninja({"-k", "0", "all"});
  EXPECT_NE(n.exit, 0);
  EXPECT_NE(n.output.find("asset 'assets/real.bin': "), std::string::npos) << n.output;
  EXPECT_NE(n.output.find("checksum mismatch"), std::string::npos) << n.output;
  EXPECT_NE(n.output.find("404 Not Found"), std::string::npos) << n.output;
  EXPECT_FALSE(s.Exists("assets/real.bin"));
  EXPECT_FALSE(s.Exists("assets/real.bin.wfgen-part"));
  EXPECT_FALSE(s.Exists("assets/gone.bin"));
  EXPECT_EQ(s.TakeRuns(), std::vector<std::string>{});  // the step never started
}

TEST_F(AssetsGraphTest, FetchAssetsFalseLeavesFetchingToThePerson) {
  Serve("in.txt", "in\n");
  s.Write("project.yml",
          "fetch_assets: false\n"
          "assets:\n"
          "  - dest: assets/in.txt\n"
          "    url: " +
              nginx.Url("/in.txt") +
              "\n"
              "commands:\n"
              "  - name: use\n"
              "    script: [steptool use]\n"
              "    deps: [assets/in.txt]\n"
              "workflows:\n"
              "  all: [use]\n");
  ASSERT_EQ(s.Wfgen().exit, 0);
  RunResult n = s.Ninja({"all"});
  EXPECT_NE(n.exit, 0);  // as weasel: the step says its dep is missing
  EXPECT_NE(n.output.find("Missing dependency"), std::string::npos) << n.output;
  EXPECT_EQ(nginx.Requests("/in.txt"), 0);
  ASSERT_EQ(s.Ninja({"assets"}).exit, 0);
  ASSERT_EQ(s.Ninja({"all"}).exit, 0);
}

TEST_F(AssetsGraphTest, ADestOutsideTheProjectIsNeverFetched) {
  Serve("in.txt", "in\n");
  s.Write("project.yml",
          "assets:\n"
          "  - dest: ../escaped.txt\n"
          "    url: " +
              nginx.Url("/in.txt") +
              "\n"
              "commands:\n"
              "  - name: use\n"
              "    script: [steptool use]\n");
  RunResult g = s.Wfgen();
  ASSERT_EQ(g.exit, 0) << g.output;
  EXPECT_NE(g.output.find("project.yml:2:11: warning: dest '../escaped.txt'"), std::string::npos)
      << g.output;
  RunResult n = s.Ninja({"assets"});
  EXPECT_EQ(nginx.Requests("/in.txt"), 0);
  EXPECT_FALSE(s.Exists("../escaped.txt"));
}

// `wfgen assets`: the content check before Ninja, private assets, --extra,
// --dry, and a dest outside the project.
TEST_F(AssetsGraphTest, WfgenAssetsChecksContentFetchesAndNamesWhatIsMissing) {
  std::string bytes = "the real data\n";
  Serve("data.txt", bytes);
  Serve("more.txt", "more\n");
  s.Write("project.yml",
          "assets:\n"
          "  - dest: assets/data.txt\n"
          "    url: " +
              nginx.Url("/data.txt") +
              "\n"
              "    checksum: \"" +
              Md5Hex(bytes) +
              "\"\n"
              "  - dest: assets/more.txt\n"
              "    url: " +
              nginx.Url("/more.txt") +
              "\n"
              "    extra: true\n"
              "  - dest: assets/mine.txt\n"
              "    description: the labels you wrote\n");
  RunResult r = s.Wfgen({"assets", "--dry"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_NE(r.output.find("would fetch assets/data.txt: missing\n"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("1 asset would be fetched.\n"), std::string::npos) << r.output;
  EXPECT_EQ(nginx.Requests("/data.txt"), 0);

  r = s.Wfgen({"assets"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(s.Read("assets/data.txt"), bytes);
  EXPECT_FALSE(s.Exists("assets/more.txt"));
  EXPECT_NE(r.output.find("wfgen: warning: asset 'assets/mine.txt' is missing: you need to add "
                          "it yourself (the labels you wrote)"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("wfgen: 1 asset in place, 1 private missing.\n"), std::string::npos)
      << r.output;

  // Edited by hand: Ninja alone would not look (the file is newer than its
  // spec), the content check does, and the right bytes come back.
  s.Write("assets/data.txt", "edited\n");
  r = s.Wfgen({"assets"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(s.Read("assets/data.txt"), bytes);
  EXPECT_EQ(nginx.Requests("/data.txt"), 2);
  // Right already: no request.
  r = s.Wfgen({"assets"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(nginx.Requests("/data.txt"), 2);

  r = s.Wfgen({"assets", "--extra"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(s.Read("assets/more.txt"), "more\n");
}

TEST_F(AssetsGraphTest, ListAndExplainKnowAssets) {
  std::string bytes = "data\n";
  Serve("d.txt", bytes);
  s.Write("project.yml",
          "assets:\n"
          "  - dest: assets/d.txt\n"
          "    url: " +
              nginx.Url("/d.txt") +
              "\n"
              "    checksum: \"" +
              Md5Hex(bytes) +
              "\"\n"
              "  - dest: assets/own.txt\n"
              "    description: yours\n");
  RunResult r = s.Wfgen({"list"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_NE(r.output.find("  assets/d.txt  " + nginx.Url("/d.txt") + "\n"), std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("  assets/own.txt  private: you add it\n"), std::string::npos)
      << r.output;
  r = s.Wfgen({"explain", "assets/d.txt"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_NE(r.output.find("asset assets/d.txt: would be fetched: missing\n"), std::string::npos)
      << r.output;
  ASSERT_EQ(s.Wfgen({"assets"}).exit, 0);
  r = s.Wfgen({"explain", "assets/d.txt"});
  EXPECT_NE(r.output.find("asset assets/d.txt: up to date (checksum matches)\n"), std::string::npos)
      << r.output;
  s.Write("assets/d.txt", "changed\n");
  r = s.Wfgen({"explain", "assets"});
  EXPECT_NE(r.output.find("asset assets/d.txt: would be fetched: checksum differs: expected " +
                          Md5Hex(bytes)),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("asset assets/own.txt: private (no url or git): missing"),
            std::string::npos)
      << r.output;
}

TEST_F(AssetsGraphTest, WfgenAssetsRefusesADestOutsideTheProject) {
  Serve("in.txt", "in\n");
  s.Write("project.yml",
          "assets:\n"
          "  - dest: /tmp/wfgen-never-written/escaped.txt\n"
          "    url: " +
              nginx.Url("/in.txt") + "\n");
  RunResult r = s.Wfgen({"assets"});
  EXPECT_EQ(r.exit, 1) << r.output;
  EXPECT_NE(r.output.find("wfgen: error: project.yml:2:5: asset "
                          "'/tmp/wfgen-never-written/escaped.txt' is outside the project"),
            std::string::npos)
      << r.output;
  EXPECT_EQ(nginx.Requests("/in.txt"), 0);
  EXPECT_FALSE(Exists("/tmp/wfgen-never-written/escaped.txt"));
}

// weasel's own `weasel assets` on the same server and project: what users
// rely on (the download, an accepted checksum, a present file kept) is the
// same, byte for byte and request for request.
TEST_F(AssetsGraphTest, TheSameFilesAsWeaselAssets) {
  std::string weasel = WEASEL_DIR;
  if (weasel.empty() || !Exists(weasel + "/weasel/__init__.py")) {
    GTEST_SKIP() << "no vendored weasel beside the checkout (../shared/vendor/weasel)";
  }
  std::string a = TestBytes(100000, 3), b = "b\n";
  Serve("a.bin", a);
  Serve("b.txt", b);
  std::string project =
      "assets:\n"
      "  - dest: assets/a.bin\n"
      "    url: " +
      nginx.Url("/a.bin") +
      "\n"
      "    checksum: \"" +
      Md5Hex(a) +
      "\"\n"
      "  - dest: assets/b.txt\n"
      "    url: " +
      nginx.Url("/b.txt") +
      "\n"
      "commands:\n"
      "  - name: noop\n"
      "    script: [\"true\"]\n";
  TestSpace w;  // weasel's copy of the project
  w.Write("project.yml", project);
  s.Write("project.yml", project);
  std::vector<std::string> env = {"PYTHONPATH=" + weasel};
  RunResult wr = w.Run({"/usr/bin/python3", "-m", "weasel", "assets", "."}, env);
  ASSERT_EQ(wr.exit, 0) << wr.output;
  RunResult fr = s.Wfgen({"assets"});
  ASSERT_EQ(fr.exit, 0) << fr.output;
  EXPECT_EQ(w.Read("assets/a.bin"), a);
  EXPECT_EQ(s.Read("assets/a.bin"), a);
  EXPECT_EQ(w.Read("assets/b.txt"), s.Read("assets/b.txt"));
  EXPECT_EQ(nginx.Requests("/a.bin"), 2);  // one each
  // Present and right: neither downloads again.
  wr = w.Run({"/usr/bin/python3", "-m", "weasel", "assets", "."}, env);
  ASSERT_EQ(wr.exit, 0) << wr.output;
  fr = s.Wfgen({"assets"});
  ASSERT_EQ(fr.exit, 0) << fr.output;
  EXPECT_EQ(nginx.Requests("/a.bin"), 2);
  EXPECT_EQ(nginx.Requests("/b.txt"), 2);
}

}  // namespace
}  // namespace test
}  // namespace wfgen
