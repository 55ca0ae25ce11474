// End-to-end: no project.yml content changes the Ninja graph beyond what
// it declares. Hostile text goes into every place a value can reach (a
// var in a script line and in a path, an environment value, a command
// name, a workflow name, a path); each is either refused with a
// `project.yml:LINE:COL: error:` and exit status 2, leaving build.ninja as
// it was, or accepted, and then real ninja (`ninja -t targets all`) sees
// exactly the nodes the project declares, under their exact names, and
// the step gets the text as one literal argument.
#include <unistd.h>

#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "runtime/state/step_spec.h"
#include "tests/test_space.h"

namespace wfgen {
namespace test {
namespace {

const std::vector<std::string> kHostile = {
    "a b",
    " lead",
    "trail ",
    "$x",
    "$$",
    "${out}",
    "$in",
    "a:b",
    ":",
    "a|b",
    "a||b",
    "#c",
    "x\nbuild evil: phony",
    "build evil: phony",
    "x\rbuild evil: phony",
    "a\\b",
    "'q'",
    "\"dq\"",
    "`id`",
    ";rm -rf x",
    "$(touch pwned)",
    "-t",
    "a$\nb",
    "ä ✓ 😀",
    "default evil",
    "rule evil",
    "subninja evil",
    "include evil",
};

// The nodes real ninja has edges for: `ninja -t targets all` prints
// "NODE: RULE" per line (the node as it is, unescaped).
std::set<std::string> NinjaNodes(const TestSpace& s) {
  RunResult r = s.Run({NinjaBin(), "-t", "targets", "all"});
  EXPECT_EQ(r.exit, 0) << r.output;
  std::set<std::string> nodes;
  std::istringstream in(r.output);
  std::string line;
  while (std::getline(in, line)) {
    size_t colon = line.rfind(": ");
    if (colon != std::string::npos) nodes.insert(line.substr(0, colon));
  }
  return nodes;
}

// Double-quoted YAML for any text.
std::string Yaml(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else {
      out += c;
    }
  }
  return out + "\"";
}

class InjectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // A good generation first: a refused one must leave it alone.
    s.Write("project.yml", "commands:\n  - {name: ok, script: [x]}\nworkflows:\n  all: [ok]\n");
    ASSERT_EQ(s.Wfgen().exit, 0);
    before_ = s.Read("build.ninja");
  }

  // Generates `yml` (with WFGEN_TEST_E=env); true if accepted. A refusal
  // must be a clean diagnostic that touched nothing.
  bool Generate(const std::string& yml, const std::string& env = "") {
    s.Write("project.yml", yml);
    RunResult g = s.Wfgen({}, {"WFGEN_TEST_E=" + env});
    if (g.exit == 0) {
      before_ = s.Read("build.ninja");
      return true;
    }
    EXPECT_EQ(g.exit, 2) << g.output;
    EXPECT_EQ(g.output.compare(0, 12, "project.yml:"), 0) << g.output;
    EXPECT_NE(g.output.find(": error: "), std::string::npos) << g.output;
    EXPECT_NE(g.output.find("nothing was written"), std::string::npos) << g.output;
    EXPECT_TRUE(s.Read("build.ninja") == before_) << "a refused project changed build.ninja";
    return false;
  }

  // The nodes a project with one command `name` (with `paths` as deps and
  // outputs) in one workflow `workflow` must give, and no others.
  // `outputs` get their `out/PATH` alias when the workflow is `all`.
  static std::set<std::string> Expected(const std::string& name, const std::string& workflow,
                                        const std::vector<std::string>& deps,
                                        const std::vector<std::string>& outputs) {
    std::set<std::string> nodes = {
        "build.ninja",
        ".wfgen/stamps/workflows/" + FileSafeName(workflow) + "/1-" + FileSafeName(name),
        ".wfgen/stamps/commands/" + FileSafeName(name), name, workflow};
    for (const std::string& p : deps) nodes.insert(p);
    for (const std::string& p : outputs) {
      nodes.insert(p);
      if (workflow == "all") nodes.insert("out/" + p);
    }
    if (workflow != "all") nodes.insert(".wfgen/list");
    return nodes;
  }

  TestSpace s;
  std::string before_;
};

TEST_F(InjectionTest, VarsInScriptLinesAreArgumentsNotSyntax) {
  int accepted = 0;
  for (const std::string& v : kHostile) {
    SCOPED_TRACE(v);
    // Script lines live in the step file, never in build.ninja; the line
    // is split like a shell would (so `a b` is two arguments, as in
    // weasel) but never run by one.
    std::string yml = "vars:\n  v: " + Yaml(v) + "\ncommands:\n  - name: c\n    script: [" +
                      Yaml("steptool c --print ${vars.v}") +
                      "]\n    outputs: [out.txt]\nworkflows:\n  all: [c]\n";
    if (!Generate(yml)) continue;
    ++accepted;
    EXPECT_EQ(NinjaNodes(s), Expected("c", "all", {}, {"out.txt"}));
    s.Ninja({"all"});
    EXPECT_FALSE(s.Exists("pwned"));
    EXPECT_FALSE(s.Exists("evil"));
  }
  EXPECT_GT(accepted, 20);
}

TEST_F(InjectionTest, VarsAndEnvironmentValuesInPaths) {
  int accepted = 0;
  for (const std::string& v : kHostile) {
    for (bool from_env : {false, true}) {
      SCOPED_TRACE(v + (from_env ? " (env)" : " (var)"));
      std::string ref = from_env ? "${env.E}" : "${vars.v}";
      std::string yml = "vars:\n  v: " + Yaml(v) +
                        "\nenv:\n  E: WFGEN_TEST_E\ncommands:\n"
                        "  - name: c\n    script: [\"steptool c --out 'o " +
                        ref +
                        "'\"]\n"
                        "    deps: [" +
                        Yaml("d " + ref) + "]\n    outputs: [" + Yaml("o " + ref) +
                        "]\nworkflows:\n  all: [c]\n";
      if (!Generate(yml, v)) {
        // Only what a Ninja file cannot hold in a path is refused.
        EXPECT_TRUE(v.find_first_of("\n\r|") != std::string::npos) << v;
        continue;
      }
      ++accepted;
      // Environment values that parse as JSON are taken as JSON, like
      // --vars overrides: "dq" in quotes is the string dq.
      std::string value = v;
      if (from_env && v.size() >= 2 && v.front() == '"' && v.back() == '"') {
        value = v.substr(1, v.size() - 2);
      }
      EXPECT_EQ(NinjaNodes(s), Expected("c", "all", {"d " + value}, {"o " + value}));
      s.Write("d " + value, "input\n");
      RunResult r = s.Ninja({"all"});
      EXPECT_EQ(r.exit, 0) << r.output;
      EXPECT_FALSE(s.Exists("evil"));
      unlink(s.Path("d " + value).c_str());
    }
  }
  EXPECT_GT(accepted, 30);
}

TEST_F(InjectionTest, CommandAndWorkflowNames) {
  int accepted = 0;
  for (const std::string& v : kHostile) {
    for (bool workflow : {false, true}) {
      SCOPED_TRACE(v + (workflow ? " (workflow)" : " (command)"));
      std::string command = workflow ? "c" : v;
      std::string flow = workflow ? v : "all";
      std::string yml = "commands:\n  - name: " + Yaml(command) +
                        "\n    script: [\"steptool c\"]\n    outputs: [out.txt]\nworkflows:\n  " +
                        Yaml(flow) + ": [" + Yaml(command) + "]\n";
      if (!Generate(yml)) continue;
      ++accepted;
      EXPECT_EQ(NinjaNodes(s), Expected(command, flow, {}, {"out.txt"}));
      // The target builds under its exact name.
      s.TakeRuns();
      RunResult r = s.Ninja({"--", command});
      EXPECT_EQ(r.exit, 0) << r.output;
      EXPECT_EQ(s.TakeRuns(), std::vector<std::string>{"c"}) << r.output;
      EXPECT_FALSE(s.Exists("evil"));
      s.Remove(".wfgen/state");
    }
  }
  EXPECT_GT(accepted, 30);
}

}  // namespace
}  // namespace test
}  // namespace wfgen
