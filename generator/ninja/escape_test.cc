#include "generator/ninja/escape.h"

#include <gtest/gtest.h>

namespace wfgen {
namespace {

TEST(EscapeTest, NinjaPath) {
  EXPECT_EQ(NinjaPath("plain/path.txt"), "plain/path.txt");
  EXPECT_EQ(NinjaPath("a b:c$d"), "a$ b$:c$$d");
  EXPECT_EQ(NinjaPath("résumé#1"), "résumé#1");
}

TEST(EscapeTest, NinjaValue) {
  EXPECT_EQ(NinjaValue("a $b"), "a $$b");
  EXPECT_EQ(NinjaValue(" lead"), "$ lead");
  EXPECT_EQ(NinjaValue("two\nlines"), "two lines");
  EXPECT_EQ(NinjaValue("build x: phony"), "build x: phony");  // a value, never a statement
}

TEST(EscapeTest, ShellWord) {
  EXPECT_EQ(ShellWord("/usr/bin/wfgen-run"), "/usr/bin/wfgen-run");
  EXPECT_EQ(ShellWord("/my tools/wfgen"), "'/my tools/wfgen'");
  EXPECT_EQ(ShellWord("it's"), "'it'\"'\"'s'");
}

}  // namespace
}  // namespace wfgen
