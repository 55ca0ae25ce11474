#include "runtime/base/shlex.h"

#include <gtest/gtest.h>

namespace wfgen {
namespace {

struct SplitCase {
  std::string line;
  std::vector<std::string> words;
  std::string error;
};

// Expected values were produced by CPython 3.11's shlex.split.
const SplitCase kSplitCases[] = {
    {"python -m spacy train configs/config.cfg --output training/ --gpu-id -1",
     {"python", "-m", "spacy", "train", "configs/config.cfg", "--output", "training/", "--gpu-id",
      "-1"},
     ""},
    {"echo 'two words' \"and three words\"", {"echo", "two words", "and three words"}, ""},
    {"a''b", {"ab"}, ""},
    {"''", {""}, ""},
    {"a ''", {"a", ""}, ""},
    {"\"\"", {""}, ""},
    {"a\\ b", {"a b"}, ""},
    {"'a\\ b'", {"a\\ b"}, ""},
    {"\"a\\ b\"", {"a\\ b"}, ""},
    {"\"a\\\"b\"", {"a\"b"}, ""},
    {"\"a\\\\b\"", {"a\\b"}, ""},
    {"rm -rf training/*", {"rm", "-rf", "training/*"}, ""},
    {"cat a | grep b > c", {"cat", "a", "|", "grep", "b", ">", "c"}, ""},
    {"x=$HOME", {"x=$HOME"}, ""},
    {"  leading   and trailing  ", {"leading", "and", "trailing"}, ""},
    {"tab\tsep\nnewline", {"tab", "sep", "newline"}, ""},
    {"'it'\"'\"'s'", {"it's"}, ""},
    {"\"multi\nline arg\"", {"multi\nline arg"}, ""},
    {"a#b # c", {"a#b", "#", "c"}, ""},
    {"über straße", {"über", "straße"}, ""},
    {"\\\\", {"\\"}, ""},
    {"a\\'b", {"a'b"}, ""},
    {"'unclosed", {}, "No closing quotation"},
    {"trailing\\", {}, "No escaped character"},
    {"\"unclosed", {}, "No closing quotation"},
    {"\"a'b\"", {"a'b"}, ""},
    {"'a\"b'", {"a\"b"}, ""},
    {"", {}, ""},
};

TEST(ShlexTest, SplitsLikePython) {
  for (const SplitCase& c : kSplitCases) {
    std::vector<std::string> words;
    std::string err;
    bool ok = ShlexSplit(c.line, &words, &err);
    if (c.error.empty()) {
      EXPECT_TRUE(ok) << c.line << ": " << err;
      EXPECT_EQ(words, c.words) << c.line;
    } else {
      EXPECT_FALSE(ok) << c.line;
      EXPECT_EQ(err, c.error) << c.line;
    }
  }
}

TEST(ShlexTest, QuotesLikePython) {
  const std::pair<std::string, std::string> cases[] = {
      {"", "''"},
      {"abc", "abc"},
      {"a b", "'a b'"},
      {"it's", "'it'\"'\"'s'"},
      {"über", "'über'"},
      {"a$b", "'a$b'"},
      {"@%+=:,./-_x", "@%+=:,./-_x"},
      {"a*", "'a*'"},
  };
  for (auto& [word, quoted] : cases) EXPECT_EQ(ShlexQuote(word), quoted) << word;
}

TEST(ShlexTest, JoinThenSplitRoundTrips) {
  std::vector<std::string> words = {"python", "a b", "it's", "", "x\ny", "$HOME", "*"};
  std::vector<std::string> back;
  std::string err;
  ASSERT_TRUE(ShlexSplit(ShlexJoin(words), &back, &err)) << err;
  EXPECT_EQ(back, words);
}

}  // namespace
}  // namespace wfgen
