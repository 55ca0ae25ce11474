// End-to-end: `cpack -G DEB` makes a package that dpkg installs and removes
// cleanly, and whose wfgen works.
//
// The machine is not modified: the package is installed with real dpkg into
// a throwaway root (`dpkg --root`), whose database holds the entries of this
// machine's packages that the .deb depends on, so dpkg checks the
// dependencies (names and versions) against what is really installed here.
// What --root cannot show is the packages' files outside that root; the
// binaries are therefore run from the throwaway root against this machine's
// shared libraries, which is what the Depends line promises.
//
// Installing into the real system (`dpkg -i`, `wfgen --version`, `dpkg -r`)
// is the test DebRealInstallTest.InstallsIntoTheRealSystem, which runs only with
// WFGEN_TEST_DPKG_INSTALL=1 and refuses to touch a machine that already has
// a package named wfgen.
#include <dirent.h>
#include <unistd.h>

#include <sstream>

#include <gtest/gtest.h>

#include "tests/test_space.h"
#include "version.h"

namespace wfgen {
namespace test {
namespace {

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \n\t"), e = s.find_last_not_of(" \n\t");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// Package names of a Depends field: "a (>= 1), b | c" -> a, b, c.
std::vector<std::string> DependedOn(const std::string& depends) {
  std::vector<std::string> names;
  std::string item;
  std::istringstream in(depends);
  while (std::getline(in, item, ',')) {
    std::istringstream alternatives(item);
    std::string alt;
    while (std::getline(alternatives, alt, '|')) {
      std::string name = Trim(alt.substr(0, alt.find('(')));
      name = name.substr(0, name.find(':'));
      if (!name.empty()) names.push_back(name);
    }
  }
  return names;
}

class DebPackageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    RunResult r = s.Run({CPACK_BIN, "--config", std::string(WFGEN_BUILD_DIR) + "/CPackConfig.cmake",
                         "-G", "DEB", "-B", s.Path("pkg")});
    ASSERT_EQ(r.exit, 0) << r.output;
    deb = s.Path(std::string("pkg/wfgen_") + WFGEN_VERSION + "_" + Arch() + ".deb");
    ASSERT_TRUE(s.Exists(deb.substr(s.dir().size() + 1))) << r.output;
  }
  std::string Arch() {
    RunResult r = s.Run({"dpkg", "--print-architecture"});
    return Trim(r.output);
  }
  std::string Field(const std::string& name) {
    RunResult r = s.Run({"dpkg-deb", "--field", deb, name});
    EXPECT_EQ(r.exit, 0) << r.output;
    return Trim(r.output);
  }
  TestSpace s;
  std::string deb;
};

TEST_F(DebPackageTest, ControlFieldsAndContents) {
  EXPECT_EQ(Field("Package"), "wfgen");
  EXPECT_EQ(Field("Version"), WFGEN_VERSION);
  std::string depends = Field("Depends");
  // ninja by hand; the libraries by dpkg-shlibdeps.
  EXPECT_NE(depends.find("ninja-build"), std::string::npos) << depends;
  EXPECT_NE(depends.find("libyaml-cpp"), std::string::npos) << depends;
  EXPECT_NE(depends.find("libxxhash0"), std::string::npos) << depends;
  RunResult r = s.Run({"dpkg-deb", "--contents", deb});
  ASSERT_EQ(r.exit, 0) << r.output;
  for (const char* path :
       {"./usr/bin/wfgen", "./usr/bin/wfgen-run", "./usr/lib/cmake/wfgen/wfgenConfig.cmake",
        "./usr/lib/cmake/wfgen/WfgenAddWorkflow.cmake", "./usr/share/wfgen/project.schema.json",
        "./usr/share/doc/wfgen/README.md", "./usr/share/doc/wfgen/integration.md"}) {
    EXPECT_NE(r.output.find(std::string(path) + "\n"), std::string::npos) << path << "\n"
                                                                          << r.output;
  }
  // `wfgen init`'s templates, once the source tree has them.
  if (access(SOURCE_DIR "/templates", F_OK) == 0) {
    EXPECT_NE(r.output.find("./usr/share/wfgen/templates/\n"), std::string::npos) << r.output;
  }
}

TEST_F(DebPackageTest, InstallsIntoAThrowawayRootRunsAndRemovesCleanly) {
  // A dpkg database that knows exactly the packages the .deb needs, as this
  // machine has them.
  std::string admin = "root/var/lib/dpkg";
  for (const char* sub : {"info", "updates", "triggers"}) s.Write(admin + "/" + sub + "/.keep", "");
  std::string status;
  for (const std::string& name : DependedOn(Field("Depends"))) {
    RunResult q = s.Run({"dpkg-query", "--status", name});
    if (q.exit != 0) continue;  // an alternative that is not installed; dpkg judges
    status += q.output +
              (q.output.size() > 1 && q.output.substr(q.output.size() - 2) == "\n\n" ? "" : "\n");
    s.Write(admin + "/info/" + name + ".list", "");
  }
  s.Write(admin + "/status", status);
  std::vector<std::string> dpkg = {"dpkg", "--root=" + s.Path("root")};
  if (geteuid() != 0) dpkg.push_back("--force-not-root");

  std::vector<std::string> install = dpkg;
  install.insert(install.end(), {"--install", deb});
  RunResult r = s.Run(install);
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(r.output.find("warning"), std::string::npos) << r.output;
  std::vector<std::string> query = dpkg;
  query.insert(query.end(), {"--status", "wfgen"});
  r = s.Run(query);
  EXPECT_NE(r.output.find("Status: install ok installed"), std::string::npos) << r.output;

  r = s.Run({s.Path("root/usr/bin/wfgen"), "--version"});
  EXPECT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(r.output, std::string("wfgen ") + WFGEN_VERSION + "\n");
  // And it does its job, with the wrapper beside it.
  s.Write("p/project.yml",
          "commands:\n  - {name: a, script: [\"cp in.txt out.txt\"], deps: [in.txt], outputs: "
          "[out.txt]}\nworkflows:\n  all: [a]\n");
  s.Write("p/in.txt", "x\n");
  r = s.Run({s.Path("root/usr/bin/wfgen"), "p/project.yml"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_NE(s.Read("p/build.ninja").find("wfgen_run = " + s.Path("root/usr/bin/wfgen-run")),
            std::string::npos);
  r = s.Run({NinjaBin(), "-C", "p", "all"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(s.Read("p/out.txt"), "x\n");

  std::vector<std::string> remove = dpkg;
  remove.insert(remove.end(), {"--purge", "wfgen"});
  r = s.Run(remove);
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_FALSE(s.Exists("root/usr/bin/wfgen"));
  EXPECT_FALSE(s.Exists("root/usr/lib/cmake/wfgen"));
  EXPECT_FALSE(s.Exists("root/usr/share/doc/wfgen"));
}

class DebRealInstallTest : public DebPackageTest {
 protected:
  void SetUp() override {
    const char* opt_in = getenv("WFGEN_TEST_DPKG_INSTALL");
    if (!opt_in || std::string(opt_in) != "1") {
      GTEST_SKIP() << "installs into this machine; set WFGEN_TEST_DPKG_INSTALL=1 to run it";
    }
    DebPackageTest::SetUp();
  }
};

TEST_F(DebRealInstallTest, InstallsIntoTheRealSystem) {
  RunResult before = s.Run({"dpkg-query", "--status", "wfgen"});
  ASSERT_NE(before.exit, 0) << "a package wfgen is already installed; not touching it";
  RunResult r = s.Run({"dpkg", "--install", deb});
  ASSERT_EQ(r.exit, 0) << r.output;
  r = s.Run({"/usr/bin/wfgen", "--version"});
  EXPECT_EQ(r.output, std::string("wfgen ") + WFGEN_VERSION + "\n");
  r = s.Run({"dpkg", "--purge", "wfgen"});
  EXPECT_EQ(r.exit, 0) << r.output;
  EXPECT_NE(access("/usr/bin/wfgen", F_OK), 0);
}

}  // namespace
}  // namespace test
}  // namespace wfgen
