#include "generator/project/interpolate.h"

#include <gtest/gtest.h>

#include "generator/project/scalar.h"

namespace wfgen {
namespace {

class InterpolateTest : public ::testing::Test {
 protected:
  YNodePtr Parse(const std::string& text) {
    YNodePtr root;
    EXPECT_TRUE(ParseYaml(text, YamlLimits(), &root, &diag)) << diag.Render("p", text);
    return root;
  }
  // Interpolates the string `s` against `vars_yaml`.
  std::string Interp(const std::string& vars_yaml, const std::string& s,
                     std::vector<Override> overrides = {}) {
    YNodePtr vars = Parse(vars_yaml);
    YNodePtr env = Parse("SECRET: WFGEN_TEST_SECRET\nEMPTY: WFGEN_TEST_UNSET\n");
    Interpolator in(vars, env, std::move(overrides), [](const std::string& n) -> const char* {
      return n == "WFGEN_TEST_SECRET" ? "s3cret" : nullptr;
    });
    auto node = std::make_shared<YNode>();
    node->kind = YNode::Kind::kScalar;
    node->text = s;
    node->loc = Loc{7, 5};
    YNodePtr r = in.Resolve(node, &diag);
    if (!r) return "<error>";
    std::string out, err;
    if (!RenderForString(*r, &out, &err)) return "<" + err + ">";
    return out;
  }
  Override Ov(const std::string& arg) {
    std::vector<std::string> args = {arg};
    size_t i = 0;
    Override o;
    std::string err;
    EXPECT_TRUE(ParseOverrideArg(args, &i, &o, &err)) << err;
    return o;
  }
  Diagnostics diag;
};

TEST_F(InterpolateTest, NestedAndChainedVars) {
  const char* vars =
      "name: x\nmodels:\n  ner: training/${vars.name}/best\nb: true\nl: [5000, 2500]\n";
  EXPECT_EQ(Interp(vars, "--model ${vars.models.ner} --gpu ${vars.b}"),
            "--model training/x/best --gpu true");
  EXPECT_EQ(Interp(vars, "rows=${vars.l}"), "rows=[5000,2500]");
  EXPECT_EQ(Interp(vars, "no refs, $HOME and ${HOME} stay"), "no refs, $HOME and ${HOME} stay");
  EXPECT_EQ(Interp(vars, "$${vars.name} is literal"), "${vars.name} is literal");
}

TEST_F(InterpolateTest, WholeValueReferencesKeepTheirType) {
  YNodePtr vars = Parse("l: [1, 2]\nn: 3\n");
  Interpolator in(vars, nullptr, {}, [](const std::string&) -> const char* { return nullptr; });
  auto node = std::make_shared<YNode>();
  node->kind = YNode::Kind::kScalar;
  node->text = "${vars.l}";
  YNodePtr r = in.Resolve(node, &diag);
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->is_seq());
  node->text = "${vars.n}";
  r = in.Resolve(node, &diag);
  EXPECT_EQ(ResolveScalar(*r), ScalarType::kInt);
}

TEST_F(InterpolateTest, OverridesWinAndMayAddVars) {
  const char* vars = "a: 1\nn:\n  x: \"${vars.a}/y\"\n";
  EXPECT_EQ(Interp(vars, "${vars.a} ${vars.n.x}", {Ov("--vars.a=5")}), "5 5/y");
  EXPECT_EQ(Interp(vars, "${vars.n.x}", {Ov("--vars.n.x=zz")}), "zz");
  EXPECT_EQ(Interp(vars, "${vars.new}", {Ov("--vars.new=3")}), "3");
  EXPECT_EQ(Interp(vars, "${vars.a}", {Ov("--vars.a")}), "true");
  EXPECT_EQ(Interp(vars, "${vars.a}", {Ov("--vars.a=[1,2]")}), "[1,2]");
  EXPECT_EQ(Interp(vars, "${vars.my_key}", {Ov("--vars.my-key=1")}), "1");
}

TEST_F(InterpolateTest, EnvGoesThroughTheEnvSection) {
  EXPECT_EQ(Interp("{}", "token=${env.SECRET}"), "token=s3cret");
  EXPECT_EQ(Interp("{}", "[${env.EMPTY}]"), "[]");
  EXPECT_EQ(Interp("{}", "${env.NOPE}"), "<error>");
  ASSERT_FALSE(diag.all().empty());
  EXPECT_EQ(diag.all().back().message, "undefined ${env.NOPE}");
}

TEST_F(InterpolateTest, UndefinedVarsSuggestTheClosestName) {
  EXPECT_EQ(Interp("train_file: a\n", "x ${vars.trian_file}"), "<error>");
  ASSERT_EQ(diag.all().size(), 1u);
  const Diagnostic& d = diag.all()[0];
  EXPECT_EQ(d.message, "undefined variable ${vars.trian_file}");
  EXPECT_EQ(d.loc.line, 7);
  EXPECT_EQ(d.loc.col, 8);  // quoted scalar at col 5, reference at offset 2
  EXPECT_EQ(d.notes[0], "did you mean ${vars.train_file}?");
}

TEST_F(InterpolateTest, CyclesAreReported) {
  EXPECT_EQ(Interp("a: ${vars.b}\nb: x${vars.a}\n", "${vars.a}"), "<error>");
  bool found = false;
  for (auto& d : diag.all()) found |= d.message.find("refers to itself") != std::string::npos;
  EXPECT_TRUE(found);
}

TEST_F(InterpolateTest, MappingsCannotBeInsertedIntoStrings) {
  EXPECT_EQ(Interp("m:\n  a: 1\n", "x ${vars.m}"), "<error>");
  EXPECT_NE(diag.all().back().message.find("a mapping cannot be inserted"), std::string::npos);
}

TEST(OverrideArgTest, Forms) {
  std::vector<std::string> args = {"--vars.a", "5", "--vars.b=x=y", "--vars.c", "--other"};
  size_t i = 0;
  Override o;
  std::string err;
  ASSERT_TRUE(ParseOverrideArg(args, &i, &o, &err));
  EXPECT_EQ(o.arg, "--vars.a=5");
  EXPECT_EQ(i, 2u);
  ASSERT_TRUE(ParseOverrideArg(args, &i, &o, &err));
  EXPECT_EQ(o.value->text, "x=y");
  ASSERT_TRUE(ParseOverrideArg(args, &i, &o, &err));
  EXPECT_EQ(o.value->text, "true");
  std::vector<std::string> bad = {"--title=x"};
  i = 0;
  EXPECT_FALSE(ParseOverrideArg(bad, &i, &o, &err));
}

}  // namespace
}  // namespace wfgen
