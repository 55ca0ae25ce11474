// End to end: assets as Ninja edges (generator/ninja/emit_assets.h) with the
// real wfgen, wfgen-transfer and ninja, against nginx on 127.0.0.1
// (transfer/asset_servers.h starts it in the test's directory).
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace test
}  // namespace wfgen
