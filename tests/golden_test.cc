// Golden output of whole projects: what `wfgen` writes (build.ninja, step
// specs, group files) for a few real projects, byte for byte. It pins the
// generator's behaviour across refactors: a move of code must change none
// of it. The projects were chosen for what they exercise: parallel groups
// and pools (examples/seed-demo, staged and dataflow), repeated commands
// and shared outputs (corpus ner_demo: train and train-with-vectors both
// write training/model-best; spanruler: commands repeated across
// workflows), directories (corpus coref). After an intended change:
//   WFGEN_UPDATE_GOLDENS=1 build/tests/golden_test
// then review `git diff tests/golden` like any other change.
#include <dirent.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "tests/test_space.h"

namespace wfgen {
namespace test {
namespace {

struct GoldenCase {
  std::string name;     // folder under tests/golden
  std::string project;  // source project.yml, relative to the source tree
  std::vector<std::string> args;
};

std::string ReadOrEmpty(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteFile(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
}

// Files below `dir` (relative names, sorted), recursively.
void ListFiles(const std::string& dir, const std::string& rel, std::vector<std::string>* out) {
  DIR* d = opendir((dir + "/" + rel).c_str());
  if (!d) return;
  while (dirent* e = readdir(d)) {
    std::string n = e->d_name;
    if (n == "." || n == "..") continue;
    std::string r = rel.empty() ? n : rel + "/" + n;
    if (e->d_type == DT_DIR) {
      ListFiles(dir, r, out);
    } else {
      out->push_back(r);
    }
  }
  closedir(d);
  std::sort(out->begin(), out->end());
}

// The binaries' paths differ between build trees, and the project's
// directory between runs (a path that collides with a target name is
// written absolute): the goldens say @BIN@ and @PROJECT@.
std::string Normalize(std::string text, const std::string& project) {
  for (auto [from, to] : {std::pair<std::string, std::string>{DirOf(WfgenBin()), "@BIN@"},
                          {project, "@PROJECT@"}}) {
    for (size_t at; (at = text.find(from)) != std::string::npos;) text.replace(at, from.size(), to);
  }
  return text;
}

class GoldenTest : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(GoldenTest, GeneratedFilesMatch) {
  const GoldenCase& c = GetParam();
  TestSpace s;
  s.Write("project.yml", ReadOrEmpty(std::string(SOURCE_DIR) + "/" + c.project));
  std::vector<std::string> args = c.args;
  RunResult g = s.Wfgen(args);
  ASSERT_EQ(g.exit, 0) << g.output;

  std::vector<std::string> files = {"build.ninja"};
  ListFiles(s.dir(), ".wfgen", &files);
  std::string golden_dir = std::string(SOURCE_DIR) + "/tests/golden/" + c.name;
  std::string manifest;
  for (const std::string& f : files) manifest += f + "\n";

  if (getenv("WFGEN_UPDATE_GOLDENS")) {
    std::string cmd = "rm -rf '" + golden_dir + "' && mkdir -p '" + golden_dir + "'";
    ASSERT_EQ(system(cmd.c_str()), 0);
    WriteFile(golden_dir + "/FILES", manifest);
    for (const std::string& f : files) {
      std::string flat = f;
      std::replace(flat.begin(), flat.end(), '/', '%');
      WriteFile(golden_dir + "/" + flat, Normalize(s.Read(f), s.dir()));
    }
    return;
  }
  EXPECT_EQ(manifest, ReadOrEmpty(golden_dir + "/FILES"));
  for (const std::string& f : files) {
    std::string flat = f;
    std::replace(flat.begin(), flat.end(), '/', '%');
    EXPECT_EQ(Normalize(s.Read(f), s.dir()), ReadOrEmpty(golden_dir + "/" + flat)) << f;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Projects, GoldenTest,
    ::testing::Values(
        GoldenCase{"seed_demo", "examples/seed-demo/project.yml", {}},
        GoldenCase{
            "seed_demo_dataflow", "examples/seed-demo/project.yml", {"--schedule", "dataflow"}},
        GoldenCase{"textcat", "examples/textcat/project.yml", {"--vars.epochs=8"}},
        GoldenCase{"ner_demo", "tests/corpus/pipelines__ner_demo__project.yml", {}},
        GoldenCase{
            "spanruler", "tests/corpus/tutorials__spanruler_restaurant_reviews__project.yml", {}},
        GoldenCase{"coref", "tests/corpus/experimental__coref__project.yml", {}}),
    [](const ::testing::TestParamInfo<GoldenCase>& info) { return info.param.name; });

}  // namespace
}  // namespace test
}  // namespace wfgen
