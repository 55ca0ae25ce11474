#include "generator/project/scalar.h"

#include <gtest/gtest.h>

namespace wfgen {
namespace {

YNode Plain(const std::string& t) {
  YNode n;
  n.kind = YNode::Kind::kScalar;
  n.text = t;
  n.plain = true;
  return n;
}

std::string Render(const YNode& n) {
  std::string out, err;
  EXPECT_TRUE(RenderForString(n, &out, &err)) << err;
  return out;
}

TEST(ScalarTest, ResolvesLikeRuamel) {
  // Expected types were checked with weasel's YAML loader (srsly/ruamel).
  const std::pair<const char*, ScalarType> cases[] = {
      {"010", ScalarType::kInt},     {"0o17", ScalarType::kInt},
      {"0x1F", ScalarType::kInt},    {"0b101", ScalarType::kInt},
      {"1_000", ScalarType::kInt},   {"-0", ScalarType::kInt},
      {"1e5", ScalarType::kFloat},   {".5", ScalarType::kFloat},
      {"5.", ScalarType::kFloat},    {".inf", ScalarType::kFloat},
      {"-.Inf", ScalarType::kFloat}, {".NaN", ScalarType::kFloat},
      {"yes", ScalarType::kString},  {"on", ScalarType::kString},
      {"True", ScalarType::kBool},   {"TRUE", ScalarType::kBool},
      {"tRue", ScalarType::kString}, {"~", ScalarType::kNull},
      {"Null", ScalarType::kNull},   {"12:30", ScalarType::kString},
      {".", ScalarType::kString},    {"2024-01-01", ScalarType::kString},
  };
  for (auto& [text, type] : cases) EXPECT_EQ(ResolveScalar(Plain(text)), type) << text;
  YNode quoted = Plain("5");
  quoted.plain = false;
  EXPECT_EQ(ResolveScalar(quoted), ScalarType::kString);
}

TEST(ScalarTest, RendersLikeWeasel) {
  EXPECT_EQ(Render(Plain("true")), "true");
  EXPECT_EQ(Render(Plain("True")), "true");
  EXPECT_EQ(Render(Plain("-1")), "-1");
  EXPECT_EQ(Render(Plain("0.25")), "0.25");
  EXPECT_EQ(Render(Plain("010")), "10");
  EXPECT_EQ(Render(Plain("0x1F")), "31");
  EXPECT_EQ(Render(Plain("1e5")), "100000.0");
  EXPECT_EQ(Render(Plain("1.50")), "1.5");
  EXPECT_EQ(Render(Plain("~")), "null");
  EXPECT_EQ(Render(Plain("hello world")), "hello world");
  YNode list;
  list.kind = YNode::Kind::kSeq;
  for (const char* v : {"5000", "2500"}) list.items.push_back(std::make_shared<YNode>(Plain(v)));
  EXPECT_EQ(Render(list), "[5000,2500]");
  YNode s = Plain("a \"b\"");
  s.plain = false;
  list.items.push_back(std::make_shared<YNode>(s));
  EXPECT_EQ(Render(list), "[5000,2500,\"a \\\"b\\\"\"]");
  YNode map;
  map.kind = YNode::Kind::kMap;
  std::string out, err;
  EXPECT_FALSE(RenderForString(map, &out, &err));
}

TEST(ScalarTest, PythonFloatRepr) {
  EXPECT_EQ(PythonFloatRepr(0.25), "0.25");
  EXPECT_EQ(PythonFloatRepr(100000.0), "100000.0");
  EXPECT_EQ(PythonFloatRepr(1e-7), "1e-07");
  EXPECT_EQ(PythonFloatRepr(1e-4), "0.0001");
  EXPECT_EQ(PythonFloatRepr(1e16), "1e+16");
  EXPECT_EQ(PythonFloatRepr(1e15), "1000000000000000.0");
  EXPECT_EQ(PythonFloatRepr(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(PythonFloatRepr(-0.0), "-0.0");
  EXPECT_EQ(PythonFloatRepr(1.5e300), "1.5e+300");
  EXPECT_EQ(PythonFloatRepr(123456789.123), "123456789.123");
}

TEST(ScalarTest, IntsAndBools) {
  int64_t v;
  EXPECT_TRUE(ScalarAsInt(Plain("1_000"), &v));
  EXPECT_EQ(v, 1000);
  EXPECT_TRUE(ScalarAsInt(Plain("-0x10"), &v));
  EXPECT_EQ(v, -16);
  EXPECT_FALSE(ScalarAsInt(Plain("99999999999999999999"), &v));
  EXPECT_FALSE(ScalarAsInt(Plain("1.0"), &v));
  bool b;
  EXPECT_TRUE(ScalarAsBool(Plain("false"), &b));
  EXPECT_FALSE(b);
  EXPECT_FALSE(ScalarAsBool(Plain("yes"), &b));
}

TEST(ScalarTest, OverrideValuesAreJsonOrText) {
  EXPECT_EQ(ResolveScalar(*ParseOverrideValue("5")), ScalarType::kInt);
  EXPECT_EQ(ResolveScalar(*ParseOverrideValue("true")), ScalarType::kBool);
  EXPECT_EQ(ResolveScalar(*ParseOverrideValue("\"5\"")), ScalarType::kString);
  EXPECT_EQ(ParseOverrideValue("\"5\"")->text, "5");
  EXPECT_TRUE(ParseOverrideValue("[1, 2]")->is_seq());
  EXPECT_TRUE(ParseOverrideValue("{\"a\": [1]}")->is_map());
  EXPECT_EQ(ParseOverrideValue("foo: bar")->text, "foo: bar");
  EXPECT_EQ(ResolveScalar(*ParseOverrideValue("yes")), ScalarType::kString);
  EXPECT_EQ(ResolveScalar(*ParseOverrideValue("1.0.0")), ScalarType::kString);
}

// What srsly.json_loads rejects, weasel keeps as the text typed. (This
// test used to list "007" and a string holding a raw tab as text, as
// Python's json.loads would; weasel reads overrides with srsly, whose
// ujson accepts both: checked with the vendored weasel, see the next test.)
TEST(ScalarTest, OverrideValuesThatAreNotJsonStayText) {
  for (const char* text : {"[1, 2,]", "[1] // note", "{'a': 1}", "+7", ".5", "0x10"}) {
    YNodePtr v = ParseOverrideValue(text);
    EXPECT_EQ(v->kind, YNode::Kind::kScalar) << text;
    EXPECT_EQ(v->text, text);
    EXPECT_EQ(ResolveScalar(*v), ScalarType::kString) << text;
  }
  EXPECT_EQ(ParseOverrideValue("\"\\ud83d\\ude00\"")->text, "\xF0\x9F\x98\x80");
  EXPECT_EQ(ResolveScalar(*ParseOverrideValue("0")), ScalarType::kInt);
  EXPECT_EQ(ParseOverrideValue("null")->kind, YNode::Kind::kNull);
}

// srsly.json_loads, as weasel 0.4 calls it (weasel/util/config.py
// _parse_override), on the vendored copy: '007' -> 7, '-007' -> -7,
// '00' -> 0, '000.5' -> 0.5, '1.' -> 1.0, '[007, 08]' -> [7, 8],
// '"tab<TAB>here"' -> 'tab<TAB>here'.
TEST(ScalarTest, OverrideValuesAreReadAsSrslyReadsThem) {
  auto text = [](const char* v) { return ParseOverrideValue(v)->text; };
  EXPECT_EQ(ResolveScalar(*ParseOverrideValue("007")), ScalarType::kInt);
  EXPECT_EQ(text("007"), "7");
  EXPECT_EQ(text("-007"), "-7");
  EXPECT_EQ(text("00"), "0");
  EXPECT_EQ(text("000.5"), "0.5");
  EXPECT_EQ(text("1."), "1.0");
  EXPECT_EQ(ResolveScalar(*ParseOverrideValue("1.")), ScalarType::kFloat);
  YNodePtr list = ParseOverrideValue("[007, 08]");
  ASSERT_TRUE(list->is_seq());
  EXPECT_EQ(list->items[1]->text, "8");
  YNodePtr tab = ParseOverrideValue("\"tab\there\"");
  EXPECT_EQ(tab->text, "tab\there");
  EXPECT_EQ(ResolveScalar(*tab), ScalarType::kString);
}

}  // namespace
}  // namespace wfgen
