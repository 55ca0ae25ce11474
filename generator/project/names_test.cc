#include "generator/project/names.h"

#include <gtest/gtest.h>

namespace wfgen {
namespace {

TEST(NamesTest, WhatNoPathMayHold) {
  EXPECT_EQ(ForbiddenChar("data/train set.spacy"), nullptr);
  EXPECT_EQ(ForbiddenChar("ünï/$x:y"), nullptr);  // Ninja escapes these
  EXPECT_STREQ(ForbiddenChar("a\nbuild evil: phony"), "a newline");
  EXPECT_STREQ(ForbiddenChar("a|b"), "'|'");
  EXPECT_STREQ(ForbiddenChar(std::string("a\0b", 3)), "a NUL byte");
}

TEST(NamesTest, NamesAreSpelledAsNinjaSpellsTargets) {
  EXPECT_EQ(BadName("train"), "");
  EXPECT_EQ(BadName("eval/en"), "");
  EXPECT_NE(BadName("./train").find("normalises"), std::string::npos);
  EXPECT_NE(BadName("train/").find("normalises"), std::string::npos);
  EXPECT_NE(BadName("/abs").find("absolute"), std::string::npos);
  EXPECT_NE(BadName(".wfgen/x").find(".wfgen/"), std::string::npos);
  EXPECT_NE(BadName("build.ninja").find("reserved"), std::string::npos);
  EXPECT_NE(BadName("a\tb").find("control character"), std::string::npos);
  EXPECT_NE(BadName(std::string(300, 'x')).find("too long"), std::string::npos);
}

TEST(NamesTest, ShellSyntaxOutsideQuotesIsNamed) {
  std::string what;
  EXPECT_FALSE(LooksLikeShell("python -m spacy train config.cfg --gpu-id -1", &what));
  EXPECT_FALSE(LooksLikeShell("echo 'a | b' \"x > y\" \\; $", &what));
  EXPECT_TRUE(LooksLikeShell("cat a | grep b", &what));
  EXPECT_EQ(what, "`|`");
  EXPECT_TRUE(LooksLikeShell("rm -rf training/*", &what));
  EXPECT_EQ(what, "the glob `*`");
  EXPECT_TRUE(LooksLikeShell("echo $HOME", &what));
  EXPECT_EQ(what, "`$H...`");
  EXPECT_TRUE(LooksLikeShell("ls ~/data", &what));
  EXPECT_EQ(what, "`~`");
}

}  // namespace
}  // namespace wfgen
