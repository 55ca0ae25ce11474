#include "runtime/state/interpreter.h"

#include <gtest/gtest.h>

namespace wfgen {
namespace {

using Argv = std::vector<std::string>;

TEST(InterpreterTest, PythonAndPipRunWithTheGivenInterpreter) {
  Argv a = {"python", "-c", "pass"};
  MapInterpreter("/venv/bin/python", &a);
  EXPECT_EQ(a, (Argv{"/venv/bin/python", "-c", "pass"}));
  Argv b = {"python3", "x.py"};
  MapInterpreter("py", &b);
  EXPECT_EQ(b, (Argv{"py", "x.py"}));
  Argv c = {"pip3", "install", "x"};
  MapInterpreter("py", &c);
  EXPECT_EQ(c, (Argv{"py", "-m", "pip", "install", "x"}));
  Argv d = {"pip"};
  MapInterpreter("py", &d);
  EXPECT_EQ(d, (Argv{"py", "-m", "pip"}));
}

TEST(InterpreterTest, OtherProgramsAndEmptyLinesStayAsTheyAre) {
  Argv a = {"python3.11", "x.py"};
  MapInterpreter("py", &a);
  EXPECT_EQ(a, (Argv{"python3.11", "x.py"}));
  Argv b = {"echo", "python"};
  MapInterpreter("py", &b);
  EXPECT_EQ(b, (Argv{"echo", "python"}));
  Argv c;
  MapInterpreter("py", &c);
  EXPECT_TRUE(c.empty());
}

}  // namespace
}  // namespace wfgen
