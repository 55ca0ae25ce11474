// End-to-end: `cmake --install` into a temp prefix, then the consumer
// project of docs/integration.md, as written, configured against that
// prefix with the Ninja and with the Unix Makefiles generator, built with
// real cmake, ninja and make.
#include <gtest/gtest.h>

#include "tests/doc_examples.h"
#include "tests/test_space.h"

namespace wfgen {
namespace test {
namespace {

const char kDoc[] = "integration.md";

class CMakePackageTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    RunResult r = s.Run({CMAKE_BIN, "--install", WFGEN_BUILD_DIR, "--prefix", s.Path("prefix")});
    ASSERT_EQ(r.exit, 0) << r.output;
    for (const char* id : {"CMakeLists.txt", "nlp/project.yml", "nlp/assets/words.txt"}) {
      WriteDocExample(&s, kDoc, id, std::string("consumer/") + id);
    }
    // What the documentation leaves to the reader: where the package is,
    // and the generator. CMake reads both from the environment.
    env = {"CMAKE_PREFIX_PATH=" + s.Path("prefix"), "CMAKE_GENERATOR=" + GetParam()};
  }
  RunResult Build(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> argv = {CMAKE_BIN, "--build", "build"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return s.Run(argv, env, s.Path("consumer"));
  }
  bool Ninja() const { return GetParam() == "Ninja"; }
  TestSpace s;
  std::vector<std::string> env;
};

TEST_P(CMakePackageTest, AWorkflowTargetFromTheInstalledPackage) {
  RunResult r =
      s.Run({"/bin/sh", "-e", "-x", "-c", DocExample(kDoc, "cmake.sh")}, env, s.Path("consumer"));
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_TRUE(s.Exists(Ninja() ? "consumer/build/build.ninja" : "consumer/build/Makefile"));
  // `report` (ALL) waited for `train` and read what the workflow made,
  // with the VARS given in CMakeLists.txt.
  EXPECT_EQ(s.Read("consumer/build/report.txt"), "pear\napple\ngpu=0\n");
  // prepare and train ran once; `--target train` afterwards found them
  // up to date.
  EXPECT_EQ(CountOf(r.output, "Running command:"), 2) << r.output;
  // The generated files are in the build tree and use the installed
  // binaries, not the ones of wfgen's own build.
  std::string inner = s.Read("consumer/build/train.wfgen/build.ninja");
  EXPECT_NE(inner.find("wfgen_run = " + s.Path("prefix/bin/wfgen-run") + "\n"), std::string::npos)
      << inner;
  EXPECT_FALSE(s.Exists("consumer/nlp/build.ninja"));
  if (Ninja()) {
    // USES_TERMINAL: the console pool, so the workflow's output is live.
    std::string outer = s.Read("consumer/build/build.ninja");
    size_t edge = outer.find("build CMakeFiles/train ");
    ASSERT_NE(edge, std::string::npos) << outer;
    size_t next = outer.find("\nbuild ", edge + 1);
    std::string train_edge = outer.substr(edge, next - edge);
    EXPECT_NE(train_edge.find("pool = console"), std::string::npos) << train_edge;
  }
}

TEST_P(CMakePackageTest, EditingProjectYmlIsPickedUpByTheNextBuild) {
  RunResult r = s.Run({CMAKE_BIN, "-S", ".", "-B", "build"}, env, s.Path("consumer"));
  ASSERT_EQ(r.exit, 0) << r.output;
  r = Build();
  ASSERT_EQ(r.exit, 0) << r.output;
  ASSERT_EQ(s.Read("consumer/build/report.txt"), "pear\napple\ngpu=0\n");

  s.Replace("consumer/nlp/project.yml", "sort -r corpus", "sort corpus");
  r = Build();
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_NE(r.output.find("wfgen: running 'train': its script changed"), std::string::npos)
      << r.output;
  EXPECT_EQ(CountOf(r.output, "Running command:"), 1) << r.output;
  EXPECT_EQ(s.Read("consumer/build/report.txt"), "apple\npear\ngpu=0\n");

  // Nothing changed: nothing runs, and under Ninja the reader is not even
  // started (the byproduct's mtime did not move).
  r = Build();
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(CountOf(r.output, "Running command:"), 0) << r.output;
  if (Ninja()) {
    EXPECT_EQ(r.output.find("Generating report.txt"), std::string::npos) << r.output;
  }
}

TEST_P(CMakePackageTest, EditingVarsInCMakeListsTakesEffect) {
  RunResult r = s.Run({CMAKE_BIN, "-S", ".", "-B", "build"}, env, s.Path("consumer"));
  ASSERT_EQ(r.exit, 0) << r.output;
  ASSERT_EQ(Build().exit, 0);
  s.Replace("consumer/CMakeLists.txt", "VARS gpu=0", "VARS gpu=1");
  r = Build();
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(s.Read("consumer/build/report.txt"), "pear\napple\ngpu=1\n");
}

TEST_P(CMakePackageTest, AFailingWorkflowFailsTheBuild) {
  RunResult r = s.Run({CMAKE_BIN, "-S", ".", "-B", "build"}, env, s.Path("consumer"));
  ASSERT_EQ(r.exit, 0) << r.output;
  s.Remove("consumer/nlp/assets/words.txt");
  r = Build();
  EXPECT_NE(r.exit, 0) << r.output;
  EXPECT_NE(r.output.find("assets/words.txt"), std::string::npos) << r.output;
  EXPECT_FALSE(s.Exists("consumer/build/report.txt"));
}

TEST_P(CMakePackageTest, BadArgumentsStopTheConfiguration) {
  s.Replace("consumer/CMakeLists.txt", "VARS gpu=0", "VARS gpu");
  RunResult r = s.Run({CMAKE_BIN, "-S", ".", "-B", "build"}, env, s.Path("consumer"));
  EXPECT_NE(r.exit, 0) << r.output;
  EXPECT_NE(r.output.find("VARS takes name=value, not 'gpu'"), std::string::npos) << r.output;
}

INSTANTIATE_TEST_SUITE_P(Generators, CMakePackageTest, ::testing::Values("Ninja", "Unix Makefiles"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param == "Ninja" ? std::string("Ninja")
                                                        : std::string("UnixMakefiles");
                         });

}  // namespace
}  // namespace test
}  // namespace wfgen
