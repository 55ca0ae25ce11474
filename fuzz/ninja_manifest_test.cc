#include "fuzz/ninja_manifest.h"

#include <gtest/gtest.h>

namespace wfgen {
namespace manifest {
namespace {

TEST(NinjaManifestTest, ReadsWhatWfgenWrites) {
  Manifest m;
  std::string err;
  ASSERT_TRUE(
      Parse("# c\nx = /a$ b\n\nrule r\n  command = exec $x $in\n\npool p\n  depth = 3\n\n"
            "build o$:1 | imp: r in$ put | i2 || oo\n  desc = a $$ b\n  pool = p\n"
            "default o$:1\n",
            &m, &err))
      << err;
  ASSERT_EQ(m.builds.size(), 1u);
  const Build& b = m.builds[0];
  EXPECT_EQ(b.outputs, std::vector<std::string>{"o:1"});
  EXPECT_EQ(b.implicit_outputs, std::vector<std::string>{"imp"});
  EXPECT_EQ(b.rule, "r");
  EXPECT_EQ(b.inputs, std::vector<std::string>{"in put"});
  EXPECT_EQ(b.implicit, std::vector<std::string>{"i2"});
  EXPECT_EQ(b.order_only, std::vector<std::string>{"oo"});
  EXPECT_EQ(b.Get("desc"), "a $ b");
  EXPECT_EQ(m.variables[0].second, "/a b");
  EXPECT_EQ(m.rules[0].bindings[0].value, "exec $x $in");
  EXPECT_EQ(m.pools[0].second, 3);
  EXPECT_EQ(m.defaults, std::vector<std::string>{"o:1"});
}

TEST(NinjaManifestTest, RefusesWhatWouldLetTextEscape) {
  Manifest m;
  std::string err;
  EXPECT_FALSE(Parse("build a: phony b$\n  c\n", &m, &err));  // continuation
  EXPECT_NE(err.find("line continuation"), std::string::npos) << err;
  EXPECT_FALSE(Parse("build a: phony\n  desc = $out\n", &m, &err));  // expansion
  EXPECT_FALSE(Parse("build a: phony b:c\n", &m, &err));             // unescaped colon
  EXPECT_FALSE(Parse("build a b\n", &m, &err));                      // no colon
  EXPECT_FALSE(Parse("build a: phony\n   x = 1\n", &m, &err));       // odd indentation
  EXPECT_FALSE(Parse("build x: phony\rbuild y: phony\n", &m, &err));
  EXPECT_FALSE(Parse("subninja x\n", &m, &err));
}

TEST(NinjaManifestTest, CanonicalIsNinjasNormalisation) {
  EXPECT_EQ(Canonical("./a"), "a");
  EXPECT_EQ(Canonical("a/"), "a");
  EXPECT_EQ(Canonical("a//b"), "a/b");
  EXPECT_EQ(Canonical("x/../a"), "a");
  EXPECT_EQ(Canonical("../a"), "../a");
  EXPECT_EQ(Canonical("/p/./q"), "/p/q");
  EXPECT_EQ(Canonical("./"), ".");
}

}  // namespace
}  // namespace manifest
}  // namespace wfgen
