#include "runtime/base/environment.h"

#include <stdlib.h>

#include <algorithm>

#include <gtest/gtest.h>

namespace wfgen {
namespace {

using Env = std::vector<std::string>;

TEST(EnvironmentTest, SetsInPlaceAppendsNewAndRemoves) {
  Env env = {"A=1", "PATH=/bin", "B=2"};
  EXPECT_EQ(ChangeEnvironment(env, {"PATH=/usr/bin"}), (Env{"A=1", "PATH=/usr/bin", "B=2"}));
  EXPECT_EQ(ChangeEnvironment(env, {"C=3"}), (Env{"A=1", "PATH=/bin", "B=2", "C=3"}));
  EXPECT_EQ(ChangeEnvironment(env, {"PATH"}), (Env{"A=1", "B=2"}));
  EXPECT_EQ(ChangeEnvironment(env, {"NOPE"}), env);
}

TEST(EnvironmentTest, ChangesApplyInOrderAndDropDuplicates) {
  EXPECT_EQ(ChangeEnvironment({"A=1", "A=2", "B=2"}, {"A=3"}), (Env{"A=3", "B=2"}));
  EXPECT_EQ(ChangeEnvironment({"A=1"}, {"A", "A=4"}), (Env{"A=4"}));
  EXPECT_EQ(ChangeEnvironment({"A=1"}, {"A=4", "A"}), (Env{}));
  // A name is matched whole: AB is not A.
  EXPECT_EQ(ChangeEnvironment({"AB=1", "A=2"}, {"A=5"}), (Env{"AB=1", "A=5"}));
  // An empty value is a value.
  EXPECT_EQ(ChangeEnvironment({"A=1"}, {"A="}), (Env{"A="}));
}

TEST(EnvironmentTest, ProcessEnvironmentIsOurs) {
  setenv("WFGEN_ENVIRONMENT_TEST", "x y", 1);
  Env env = ProcessEnvironment();
  EXPECT_NE(std::find(env.begin(), env.end(), "WFGEN_ENVIRONMENT_TEST=x y"), env.end());
  unsetenv("WFGEN_ENVIRONMENT_TEST");
}

}  // namespace
}  // namespace wfgen
