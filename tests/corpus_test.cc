// Every project.yml of the real corpus (tests/corpus, from public spaCy
// projects) loads, generates, and `ninja -n` accepts every workflow and
// every command target of the result.
#include <dirent.h>

#include <algorithm>

#include <gtest/gtest.h>

#include "generator/ninja/generate.h"
#include "generator/project/loader.h"
#include "tests/test_space.h"

namespace wfgen {
namespace test {
namespace {

std::vector<std::string> CorpusFiles() {
  std::vector<std::string> files;
  if (DIR* d = opendir(CORPUS_DIR)) {
    while (dirent* e = readdir(d)) {
      std::string n = e->d_name;
      if (n.size() > 4 && n.compare(n.size() - 4, 4, ".yml") == 0) files.push_back(n);
    }
    closedir(d);
  }
  std::sort(files.begin(), files.end());
  return files;
}

class CorpusTest : public ::testing::TestWithParam<std::string> {};

TEST_P(CorpusTest, GeneratesAndNinjaAcceptsEveryTarget) {
  std::string text, err;
  RealDisk disk;
  ASSERT_TRUE(disk.ReadFile(std::string(CORPUS_DIR) + "/" + GetParam(), &text, &err)) << err;
  LoadResult loaded;
  Diagnostics diag;
  ASSERT_TRUE(LoadProject(text, LoadOptions(), &loaded, &diag)) << diag.Render(GetParam(), text);
  for (const Diagnostic& d : diag.all()) EXPECT_EQ(d.severity, Severity::kWarning);

  TestSpace s;
  s.Write("project.yml", text);
  RunResult g = s.Wfgen();
  ASSERT_EQ(g.exit, 0) << g.output;
  std::vector<std::string> targets;
  for (const Workflow& w : loaded.project.workflows) targets.push_back(w.name.value);
  for (const Command& c : loaded.project.commands) targets.push_back(c.name.value);
  for (const std::string& t : targets) {
    RunResult n = s.Run({NinjaBin(), "-n", t});
    EXPECT_EQ(n.exit, 0) << "ninja -n " << t << "\n" << n.output;
  }
  // Without arguments ninja builds the default (`all`, or the list).
  RunResult n = s.Run({NinjaBin(), "-n"});
  EXPECT_EQ(n.exit, 0) << n.output;
}

INSTANTIATE_TEST_SUITE_P(Corpus, CorpusTest, ::testing::ValuesIn(CorpusFiles()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name;
                           for (char c : info.param)
                             name += isalnum(static_cast<unsigned char>(c)) ? c : '_';
                           return name;
                         });

TEST(CorpusSize, HasTheWholeCorpus) { EXPECT_EQ(CorpusFiles().size(), 43u); }

}  // namespace
}  // namespace test
}  // namespace wfgen
