#include "generator/project/yaml_tree.h"

#include <gtest/gtest.h>

namespace wfgen {
namespace {

std::string Errors(const std::string& text, YamlLimits limits = YamlLimits()) {
  YNodePtr root;
  Diagnostics diag;
  EXPECT_FALSE(ParseYaml(text, limits, &root, &diag));
  std::string out;
  for (const Diagnostic& d : diag.all()) {
    out += std::to_string(d.loc.line) + ":" + std::to_string(d.loc.col) + ": " + d.message + "\n";
  }
  return out;
}

TEST(YamlTreeTest, KeepsPositionsAndPlainness) {
  YNodePtr root;
  Diagnostics diag;
  ASSERT_TRUE(ParseYaml("a: 1\nb:\n  - 'x'\n  - y\nc:\n", YamlLimits(), &root, &diag));
  ASSERT_TRUE(root->is_map());
  const YNode* b = root->Get("b");
  ASSERT_TRUE(b && b->is_seq());
  EXPECT_EQ(b->items[0]->loc.line, 3);
  EXPECT_EQ(b->items[0]->loc.col, 5);
  EXPECT_FALSE(b->items[0]->plain);
  EXPECT_TRUE(b->items[1]->plain);
  EXPECT_TRUE(root->Get("c")->is_null());
}

TEST(YamlTreeTest, SyntaxErrorsHavePositions) {
  EXPECT_EQ(Errors("a: [1, 2\nb: 3\n"), "2:2: YAML syntax: end of sequence flow not found\n");
}

TEST(YamlTreeTest, DuplicateKeysAreErrors) {
  EXPECT_EQ(Errors("commands: []\nvars: {}\ncommands: []\n"), "3:1: duplicate key 'commands'\n");
}

TEST(YamlTreeTest, TabsGetAHint) {
  YNodePtr root;
  Diagnostics diag;
  EXPECT_FALSE(ParseYaml("a:\n\t- b\n", YamlLimits(), &root, &diag));
  ASSERT_FALSE(diag.all().empty());
  bool hinted = false;
  for (auto& n : diag.all()[0].notes) hinted |= n.find("tabs") != std::string::npos;
  EXPECT_TRUE(hinted) << diag.Render("p", "");
}

TEST(YamlTreeTest, AliasBombsAreRefused) {
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  std::string prev = "a";
  for (char c = 'b'; c <= 'j'; ++c) {
    bomb += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 10; ++i) bomb += (i ? ", *" : "*") + prev;
    bomb += "]\n";
    prev = std::string(1, c);
  }
  std::string errors = Errors(bomb);
  EXPECT_NE(errors.find("expands to more than"), std::string::npos) << errors;
}

TEST(YamlTreeTest, DeepNestingIsRefused) {
  std::string deep(5000, '[');
  std::string errors = Errors(deep);
  EXPECT_FALSE(errors.empty());
  std::string nested(150, '[');
  nested += std::string(150, ']');
  errors = Errors(nested);
  EXPECT_NE(errors.find("nesting deeper than 100 levels"), std::string::npos) << errors;
}

TEST(YamlTreeTest, InvalidUtf8AndNulAreRefusedWithPositions) {
  EXPECT_EQ(Errors("a: 1\nb: \xff\n"),
            "2:4: invalid UTF-8 (byte 0xff); save project.yml as UTF-8\n");
}

TEST(YamlTreeTest, EmptyHugeAndMultiDocumentFiles) {
  EXPECT_EQ(Errors(""), "0:0: the file is empty; a project needs at least `commands:`\n");
  YamlLimits small;
  small.max_bytes = 10;
  EXPECT_EQ(
      Errors("a: 0123456789\n", small),
      "0:0: the file is larger than 10 bytes, the most wfgen reads; a project file is a few KB\n");
  EXPECT_NE(Errors("a: 1\n---\nb: 2\n").find("a second YAML document"), std::string::npos);
}

TEST(YamlTreeTest, ManyKeysAreNotQuadratic) {
  // Duplicate keys used to be found by a linear search per key: minutes
  // for a map this size, now a fraction of a second.
  std::string many = "vars:\n";
  for (int i = 0; i < 90000; ++i) many += "  v" + std::to_string(i) + ": x\n";
  YNodePtr root;
  Diagnostics diag;
  ASSERT_TRUE(ParseYaml(many, YamlLimits(), &root, &diag)) << diag.Render("p", many);
  EXPECT_EQ(root->Get("vars")->entries.size(), 90000u);
  EXPECT_EQ(Errors(many + "  v7: again\n"), "90002:3: duplicate key 'v7'\n");
}

TEST(YamlTreeTest, TooManyValuesAreRefusedWithoutBlamingAliases) {
  YamlLimits small;
  small.max_nodes = 50;
  std::string list = "x: [";
  for (int i = 0; i < 100; ++i) list += "a, ";
  list += "]\n";
  EXPECT_EQ(Errors(list, small),
            "1:146: more than 50 values in the file; a project file never needs that many\n");
}

TEST(YamlTreeTest, AliasesOfLongTextAreBoundedByBytes) {
  YamlLimits small;
  small.max_expanded_bytes = 1000;
  std::string yml = "a: &a " + std::string(300, 'x') + "\nb: [*a, *a, *a, *a]\n";
  EXPECT_NE(Errors(yml, small).find("expands to more than 0 MiB of text through aliases"),
            std::string::npos);
}

TEST(YamlTreeTest, TheScannerCannotRunFarAheadOfTheParser) {
  // With the depth limit out of the way, `[[[[...` makes yaml-cpp's
  // scanner queue every token before the parser sees one; the guard stops
  // it after max_lookahead flow indicators.
  YamlLimits limits;
  limits.max_depth = 100000;
  limits.max_lookahead = 1000;
  std::string errors = Errors("x: " + std::string(50000, '['), limits);
  EXPECT_NE(errors.find("would have to read ahead past more than 1000 brackets"), std::string::npos)
      << errors;
  // yaml-cpp holds a whole flow collection until its end (it might be a
  // key), so the limit also bounds one `[...]`: 300 quoted items pass...
  std::string flow = "x: [";
  for (int i = 0; i < 300; ++i) flow += "\"v\", ";
  YNodePtr root;
  Diagnostics diag;
  EXPECT_TRUE(ParseYaml(flow + "]\n", limits, &root, &diag)) << diag.Render("p", flow);
  // ...400 do not...
  for (int i = 0; i < 100; ++i) flow += "\"v\", ";
  EXPECT_NE(Errors(flow + "]\n", limits).find("read ahead past more than 1000"), std::string::npos);
  // ...and block lists of any length are not affected.
  std::string block = "x:\n";
  for (int i = 0; i < 5000; ++i) block += "  - \"v\"\n";
  EXPECT_TRUE(ParseYaml(block, limits, &root, &diag)) << diag.Render("p", block);
}

TEST(YamlTreeTest, ASecondDocumentIsRefusedAtItsStart) {
  EXPECT_EQ(Errors("a: 1\n---\nb: [" + std::string(100, '[') + "\n"),
            "2:1: a second YAML document ('---'); project.yml holds exactly one\n");
}

}  // namespace
}  // namespace wfgen
