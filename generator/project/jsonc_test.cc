#include "generator/project/jsonc.h"

#include <gtest/gtest.h>

#include "generator/project/json_text.h"

namespace wfgen {
namespace {

TEST(JsoncTest, CommentsAndTrailingCommasAsVsCodeWritesThem) {
  const std::string text = R"({
  // See https://go.microsoft.com/fwlink/?LinkId=733558
  "version": "2.0.0", /* inline */
  "tasks": [
    {"label": "a", "args": ["x", "y",],},
  ],
})";
  JsonValue v;
  JsonError err;
  ASSERT_TRUE(ParseJsonc(text, &v, &err)) << err.line << ":" << err.column << " " << err.message;
  ASSERT_TRUE(v.is_object());
  EXPECT_EQ(v.keys, (std::vector<std::string>{"version", "tasks"}));
  EXPECT_EQ(v.StringOf("version"), "2.0.0");
  const JsonValue* tasks = v.Find("tasks");
  ASSERT_TRUE(tasks && tasks->is_array());
  ASSERT_EQ(tasks->items.size(), 1u);
  EXPECT_EQ(tasks->items[0]->Find("args")->items.size(), 2u);
  // Spans cover exactly the value's text.
  const JsonValue& task = *tasks->items[0];
  EXPECT_EQ(text.substr(task.begin, task.end - task.begin),
            R"({"label": "a", "args": ["x", "y",],})");
  EXPECT_EQ(text.substr(v.key_begins[1], 7), "\"tasks\"");
}

TEST(JsoncTest, StringsAreDecoded) {
  JsonValue v;
  JsonError err;
  ASSERT_TRUE(ParseJsonc(R"(["a\"b\\c\/\n\t", "\u00e9\ud83d\ude00", "//not a comment"])", &v, &err))
      << err.message;
  EXPECT_EQ(v.items[0]->text, "a\"b\\c/\n\t");
  EXPECT_EQ(v.items[1]->text, "\xc3\xa9\xf0\x9f\x98\x80");
  EXPECT_EQ(v.items[2]->text, "//not a comment");
}

TEST(JsoncTest, ScalarsKeepTheirKind) {
  JsonValue v;
  JsonError err;
  ASSERT_TRUE(ParseJsonc("[true, false, null, -1.5e3, 0]", &v, &err)) << err.message;
  EXPECT_EQ(v.items[0]->kind, JsonValue::Kind::kBool);
  EXPECT_TRUE(v.items[0]->boolean);
  EXPECT_FALSE(v.items[1]->boolean);
  EXPECT_EQ(v.items[2]->kind, JsonValue::Kind::kNull);
  EXPECT_EQ(v.items[3]->kind, JsonValue::Kind::kNumber);
  EXPECT_EQ(v.items[3]->text, "-1.5e3");
}

struct Bad {
  const char* text;
  int line, column;
  const char* message;
};

TEST(JsoncTest, ErrorsSayWhereAndWhat) {
  for (const Bad& b : std::vector<Bad>{
           {"{\n  \"a\": 1\n  \"b\": 2\n}", 3, 3, "expected ',' or '}' after a member"},
           {"{\n  a: 1\n}", 2, 3, "expected a key in double quotes"},
           {"[1, 2", 1, 6, "expected ',' or ']' after an array element"},
           {"{\"a\": }", 1, 7, "unexpected '}'; expected a value"},
           {"{\"a\": \"x\n\"}", 1, 9, "a string cannot span lines; the closing '\"' is missing"},
           {"[1] [2]", 1, 5, "unexpected text after the end of the document"},
           {"{\n  /* never closed\n  \"a\": 1\n}", 2, 3, "this /* comment is never closed"},
           {"[\"\\q\"]", 1, 3, "unknown escape '\\q' in a string"},
           {"", 1, 1, "unexpected end of the file; a value is missing"},
       }) {
    JsonValue v;
    JsonError err;
    EXPECT_FALSE(ParseJsonc(b.text, &v, &err)) << b.text;
    EXPECT_EQ(err.line, b.line) << b.text;
    EXPECT_EQ(err.column, b.column) << b.text;
    EXPECT_EQ(err.message, b.message) << b.text;
  }
}

TEST(JsoncTest, StrictJsonRefusesWhatJsoncAllows) {
  JsonValue v;
  JsonError err;
  EXPECT_TRUE(ParseJsonc("[1, /* c */ 2,]", &v, &err));
  EXPECT_FALSE(ParseJson("[1, /* c */ 2]", &v, &err));
  EXPECT_FALSE(ParseJson("[1, 2,]", &v, &err));
  EXPECT_EQ(err.message, "a trailing ',' before ']'");
  // ParseJson reads as srsly.json_loads (ujson) does, which weasel uses for
  // --vars values: a raw tab in a string and leading zeros are accepted
  // there (they used to be refused here, as Python's json.loads does), and
  // VS Code's jsonc reader still refuses a leading zero.
  EXPECT_TRUE(ParseJson("\"a\tb\"", &v, &err));
  EXPECT_TRUE(ParseJson("01", &v, &err));
  EXPECT_EQ(v.text, "1");
  EXPECT_FALSE(ParseJsonc("01", &v, &err));
  EXPECT_TRUE(ParseJson(" {\"a\": [0, -0.5e3, \"\\u00e9\"]}\n", &v, &err)) << err.message;
  ASSERT_EQ(v.Find("a")->items.size(), 3u);
  EXPECT_EQ(v.Find("a")->items[2]->text, "\xC3\xA9");
}

TEST(JsoncTest, DeepNestingIsAnErrorNotACrash) {
  JsonValue v;
  JsonError err;
  EXPECT_FALSE(ParseJsonc(std::string(100000, '['), &v, &err));
  EXPECT_EQ(err.message, "nested too deeply");
}

TEST(JsoncTest, QuoteRoundTrips) {
  std::string odd = "a\"b\\c\nd\te\x01 ${workspaceFolder} \xc3\xa9";
  JsonValue v;
  JsonError err;
  ASSERT_TRUE(ParseJsonc(JsonString(odd), &v, &err)) << JsonString(odd);
  EXPECT_EQ(v.text, odd);
  EXPECT_EQ(JsonString("^(.*?):(\\d+)$"), "\"^(.*?):(\\\\d+)$\"");
}

}  // namespace
}  // namespace wfgen
