// End-to-end: the plain and the embedded use of docs/integration.md, run as
// the documentation shows them (doc_examples.h), with real ninja.
#include <gtest/gtest.h>

#include "tests/doc_examples.h"
#include "tests/test_space.h"

namespace wfgen {
namespace test {
namespace {

const char kDoc[] = "integration.md";

class IntegrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    WriteDocExample(&s, kDoc, "nlp/project.yml");
    WriteDocExample(&s, kDoc, "nlp/assets/words.txt");
  }
  TestSpace s;
};

TEST_F(IntegrationTest, PlainExampleRunsTheWorkflowOnceThenNothing) {
  RunResult r = RunDocExample(s, kDoc, "plain.sh");
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(s.Read("nlp/training/model.txt"), "pear\napple\ngpu=0\n");
  // prepare and train once; the second `ninja all` and `wfgen run train`
  // (same vars) find everything up to date.
  EXPECT_EQ(CountOf(r.output, "Running command:"), 2) << r.output;
  EXPECT_NE(r.output.find("ninja: no work to do."), std::string::npos) << r.output;
  EXPECT_TRUE(s.Exists("nlp/build.ninja"));
}

TEST_F(IntegrationTest, OutOfTreeExampleKeepsGeneratedFilesOutOfTheProject) {
  RunResult r = RunDocExample(s, kDoc, "out-of-tree.sh");
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(s.Read("nlp/training/model.txt"), "pear\napple\ngpu=-1\n");
  EXPECT_TRUE(s.Exists("build/nlp.ninja"));
  EXPECT_TRUE(s.Exists("build/.wfgen/steps/train.step"));
  EXPECT_FALSE(s.Exists("nlp/build.ninja"));
  // Records and logs belong to the project.
  EXPECT_TRUE(s.Exists("nlp/.wfgen/state/train.rec"));
  EXPECT_TRUE(s.Exists("nlp/.wfgen/logs/train.log"));
}

class EmbedTest : public IntegrationTest {
 protected:
  void SetUp() override {
    IntegrationTest::SetUp();
    WriteDocExample(&s, kDoc, "build.ninja");
  }
  void RunExample() {
    RunResult r = RunDocExample(s, kDoc, "embed.sh");
    ASSERT_EQ(r.exit, 0) << r.output;
    ASSERT_EQ(s.Read("report.txt"), kModel + kModel);
    // `ninja ner/all` after the full build: nothing left to do.
    EXPECT_NE(r.output.find("ninja: no work to do."), std::string::npos) << r.output;
    TestSpace::Settle();
  }
  const std::string kModel = "pear\napple\ngpu=-1\n";
};

TEST_F(EmbedTest, TwoProjectsAndAnEdgeReadingAnOutputOfEach) {
  RunExample();
  // Each project's steps ran once, under its own names.
  std::string names = s.Read("nlp.ninja") + s.Read("ner.ninja");
  EXPECT_NE(names.find("build nlp/all: phony"), std::string::npos);
  EXPECT_NE(names.find("build ner/all: phony"), std::string::npos);
  EXPECT_NE(names.find("rule nlp_wfgen_step"), std::string::npos);
  EXPECT_NE(names.find("rule ner_wfgen_step"), std::string::npos);
  EXPECT_TRUE(s.Exists(".wfgen/nlp/steps/train.step"));
  EXPECT_TRUE(s.Exists(".wfgen/ner/steps/train.step"));
  EXPECT_TRUE(s.Exists("nlp/.wfgen/state/train.rec"));
  EXPECT_TRUE(s.Exists("ner/.wfgen/state/train.rec"));
  RunResult r = s.Ninja();
  EXPECT_NE(r.output.find("ninja: no work to do."), std::string::npos) << r.output;
}

TEST_F(EmbedTest, EditingAnEmbeddedProjectRegeneratesItsFileAndRebuildsTheReader) {
  RunExample();
  s.Replace("nlp/project.yml", "sort -r corpus", "sort corpus");
  RunResult r = s.Ninja();
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_NE(r.output.find("wfgen: regenerating nlp.ninja"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("] nlp/train\n"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("] ner/"), std::string::npos) << "ner did not change\n" << r.output;
  EXPECT_NE(r.output.find("cat nlp/training/model.txt ner/training/model.txt"), std::string::npos);
  EXPECT_EQ(s.Read("report.txt"), "apple\npear\ngpu=-1\n" + kModel);
  r = s.Ninja();
  EXPECT_NE(r.output.find("ninja: no work to do."), std::string::npos) << r.output;
}

TEST_F(EmbedTest, WithoutTheManifestLineAnEditIsNeverSeen) {
  // The control for the line the documentation asks for: without it, Ninja
  // does not look at nlp.ninja's regeneration edge at all.
  RunExample();
  s.Replace("build.ninja", "build build.ninja: phony nlp.ninja ner.ninja\n", "");
  s.Ninja();
  s.Replace("nlp/project.yml", "sort -r corpus", "sort corpus");
  RunResult r = s.Ninja();
  EXPECT_EQ(r.output.find("regenerating"), std::string::npos) << r.output;
  EXPECT_EQ(s.Read("report.txt"), kModel + kModel);
}

TEST_F(EmbedTest, AGeneratedTopFileListsTheEmbeddedFilesAsInputsOfItsOwnRegeneration) {
  // The other way docs/integration.md gives: the top file comes from a
  // generator (here: a copy of top.in), whose edge gets nlp.ninja and
  // ner.ninja as implicit inputs.
  s.Replace("build.ninja", "build build.ninja: phony nlp.ninja ner.ninja\n",
            "rule generate\n  command = cp top.in build.ninja\n  generator = 1\n"
            "build build.ninja: generate top.in | nlp.ninja ner.ninja\n");
  s.Write("top.in", s.Read("build.ninja"));
  RunExample();
  s.Replace("nlp/project.yml", "sort -r corpus", "sort corpus");
  RunResult r = s.Ninja();
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_NE(r.output.find("wfgen: regenerating nlp.ninja"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("cp top.in build.ninja"), std::string::npos) << r.output;
  EXPECT_EQ(s.Read("report.txt"), "apple\npear\ngpu=-1\n" + kModel);
}

TEST_F(EmbedTest, IncludeWorksLikeSubninja) {
  std::string top = s.Read("build.ninja");
  for (size_t at; (at = top.find("subninja ")) != std::string::npos;)
    top.replace(at, 9, "include ");
  s.Write("build.ninja", top);
  RunExample();
  s.Replace("ner/project.yml", "sort -r corpus", "sort corpus");
  RunResult r = s.Ninja();
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_NE(r.output.find("wfgen: regenerating ner.ninja"), std::string::npos) << r.output;
  EXPECT_EQ(s.Read("report.txt"), kModel + "apple\npear\ngpu=-1\n");
}

TEST_F(EmbedTest, AnOutputAliasRunsTheWorkflowOnlyUpToItsProducer) {
  RunExample();
  // train changes; corpus/words.txt is made by prepare, before it.
  s.Replace("nlp/project.yml", "sort -r corpus", "sort corpus");
  RunResult r = s.Ninja({"nlp/out/corpus/words.txt"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(r.output.find("] nlp/train\n"), std::string::npos) << r.output;
  r = s.Ninja({"nlp/out/training/model.txt"});
  EXPECT_NE(r.output.find("] nlp/train\n"), std::string::npos) << r.output;
  EXPECT_EQ(s.Read("nlp/training/model.txt"), "apple\npear\ngpu=-1\n");
  // The reader notices on the next build: the alias's stamp moved.
  r = s.Ninja();
  EXPECT_NE(r.output.find("cat nlp/training/model.txt"), std::string::npos) << r.output;
}

TEST_F(EmbedTest, AReaderIsNotRebuiltWhenTheProducerRewroteTheSameBytes) {
  RunExample();
  // A new script that writes exactly what the old one wrote.
  s.Replace("nlp/project.yml", "sort -r corpus/words.txt", "sort -r -u corpus/words.txt");
  RunResult r = s.Ninja();
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_NE(r.output.find("] nlp/train\n"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("cat nlp/training"), std::string::npos) << r.output;
}

TEST_F(EmbedTest, AnInputSharedByBothProjectsAndBuiltByTheIncludingFile) {
  // Both projects read ../shared.txt, which the top file makes.
  for (const char* p : {"nlp", "ner"}) {
    WriteDocExample(&s, kDoc, "nlp/project.yml", std::string(p) + "/project.yml");
    s.Replace(std::string(p) + "/project.yml", "sort -u assets/words.txt", "sort -u ../shared.txt");
    s.Replace(std::string(p) + "/project.yml", "deps: [assets/words.txt]", "deps: [../shared.txt]");
  }
  s.Write("source.txt", "fig\nfig\n");
  s.Write("build.ninja",
          "rule copy\n  command = cp $in $out\n"
          "build shared.txt: copy source.txt\n" +
              s.Read("build.ninja"));
  ASSERT_EQ(s.Wfgen({"nlp/project.yml", "--embed", "nlp", "-o", "nlp.ninja"}).exit, 0);
  ASSERT_EQ(s.Wfgen({"ner/project.yml", "--embed", "ner", "-o", "ner.ninja"}).exit, 0);
  RunResult r = s.Ninja();
  ASSERT_EQ(r.exit, 0) << r.output;
  size_t copy = r.output.find("] cp source.txt shared.txt");
  ASSERT_NE(copy, std::string::npos) << r.output;
  EXPECT_LT(copy, r.output.find("] nlp/prepare")) << r.output;
  EXPECT_LT(copy, r.output.find("] ner/prepare")) << r.output;
  EXPECT_EQ(s.Read("report.txt"), "fig\ngpu=-1\nfig\ngpu=-1\n");

  TestSpace::Settle();
  s.Write("source.txt", "kiwi\n");
  r = s.Ninja();
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_NE(r.output.find("] nlp/prepare"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("] ner/prepare"), std::string::npos) << r.output;
  EXPECT_EQ(s.Read("report.txt"), "kiwi\ngpu=-1\nkiwi\ngpu=-1\n");
}

}  // namespace
}  // namespace test
}  // namespace wfgen
