#include "generator/ninja/ninja_writer.h"

#include <gtest/gtest.h>

namespace wfgen {
namespace {

TEST(NinjaWriterTest, WritesStatementsExactly) {
  std::string out;
  NinjaWriter w(&out);
  w.Comment("Generated.\n\nSecond line.");
  w.Variable("ninja_required_version", "1.10");
  w.Variable("cmd", " a $b\nc");
  w.Blank();
  w.Pool(NinjaPool{"gpu", 2});
  w.Rule(NinjaRule{"step", {{"command", "run $in > $out"}, {"restat", "1"}}});
  w.Build(NinjaBuild{{"out put"},
                     {"side:effect"},
                     "step",
                     {"in$1"},
                     {"dir/a b"},
                     {"prev"},
                     {{"desc", "$cost"}},
                     "gpu"});
  w.Build(NinjaBuild{{"all"}, {}, "phony", {"x", "y"}});
  w.Default({"all"});
  EXPECT_EQ(out,
            "# Generated.\n"
            "#\n"
            "# Second line.\n"
            "ninja_required_version = 1.10\n"
            "cmd = $ a $$b c\n"
            "\n"
            "pool gpu\n"
            "  depth = 2\n"
            "rule step\n"
            "  command = run $in > $out\n"
            "  restat = 1\n"
            "build out$ put | side$:effect: step in$$1 | dir/a$ b || prev\n"
            "  desc = $$cost\n"
            "  pool = gpu\n"
            "build all: phony x y\n"
            "default all\n");
}

}  // namespace
}  // namespace wfgen
