// End-to-end: `wfgen editor vscode` on the project of docs/integration.md.
// The tasks are run the way VS Code runs a "process" task (the command and
// its args, in options.cwd with ${workspaceFolder} replaced), and wfgen's
// error output is matched with the problem matcher read from the written
// file, with ECMAScript regular expressions like VS Code's.
#include <regex>
#include <sstream>

#include <gtest/gtest.h>

#include "generator/project/jsonc.h"
#include "tests/doc_examples.h"
#include "tests/test_space.h"

namespace wfgen {
namespace test {
namespace {

const char kDoc[] = "integration.md";

class EditorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    WriteDocExample(&s, kDoc, "nlp/project.yml");
    WriteDocExample(&s, kDoc, "nlp/assets/words.txt");
  }
  // The tasks file, parsed; a test failure if it does not parse.
  JsonValue Tasks() {
    JsonValue v;
    JsonError err;
    std::string text = s.Read("nlp/.vscode/tasks.json");
    EXPECT_TRUE(ParseJsonc(text, &v, &err))
        << err.line << ":" << err.column << ": " << err.message << "\n"
        << text;
    return v;
  }
  static const JsonValue* TaskLabelled(const JsonValue& tasks, const std::string& label) {
    for (const auto& t : tasks.Find("tasks")->items) {
      if (t->StringOf("label") == label) return t.get();
    }
    return nullptr;
  }
  // Runs a "process" task as VS Code does.
  RunResult RunTask(const JsonValue& task) {
    std::vector<std::string> argv = {task.StringOf("command")};
    for (const auto& a : task.Find("args")->items) argv.push_back(a->text);
    std::string cwd = task.Find("options")->StringOf("cwd");
    size_t at = cwd.find("${workspaceFolder}");
    if (at != std::string::npos) cwd.replace(at, 18, s.Path("nlp"));
    std::vector<std::string> env;
    if (const JsonValue* e = task.Find("options")->Find("env")) {
      for (size_t i = 0; i < e->keys.size(); ++i)
        env.push_back(e->keys[i] + "=" + e->items[i]->text);
    }
    return s.Run(argv, env, cwd);
  }
  TestSpace s;
};

TEST_F(EditorTest, OneTaskPerWorkflowAndCommandThatRunsIt) {
  RunResult r = RunDocExample(s, kDoc, "editor.sh");
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_NE(r.output.find("wrote nlp/.vscode/tasks.json: 3 wfgen tasks"), std::string::npos)
      << r.output;
  JsonValue v = Tasks();
  EXPECT_EQ(v.StringOf("version"), "2.0.0");
  std::vector<std::string> labels;
  int defaults = 0;
  for (const auto& t : v.Find("tasks")->items) {
    labels.push_back(t->StringOf("label"));
    // The shape VS Code's schema wants for a process task.
    EXPECT_EQ(t->StringOf("type"), "process");
    EXPECT_EQ(t->StringOf("command"), "wfgen");
    ASSERT_TRUE(t->Find("args") && t->Find("args")->is_array());
    for (const auto& a : t->Find("args")->items) EXPECT_TRUE(a->is_string());
    const JsonValue* g = t->Find("group");
    if (g && g->is_object()) {
      EXPECT_EQ(g->StringOf("kind"), "build");
      if (g->Find("isDefault") && g->Find("isDefault")->boolean) ++defaults;
    }
    const JsonValue* pm = t->Find("problemMatcher");
    ASSERT_TRUE(pm && pm->is_object());
    EXPECT_EQ(pm->StringOf("owner"), "wfgen");
    ASSERT_TRUE(pm->Find("pattern") && pm->Find("pattern")->is_object());
  }
  EXPECT_EQ(labels, (std::vector<std::string>{"wfgen: all", "wfgen: prepare", "wfgen: train"}));
  EXPECT_EQ(defaults, 1);
  const JsonValue* all = TaskLabelled(v, "wfgen: all");
  ASSERT_NE(all, nullptr);
  ASSERT_TRUE(all->Find("group")->is_object());
  EXPECT_TRUE(all->Find("group")->Find("isDefault")->boolean);

  r = RunTask(*all);
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(s.Read("nlp/training/model.txt"), "pear\napple\ngpu=-1\n");
  r = RunTask(*TaskLabelled(v, "wfgen: train"));
  EXPECT_EQ(r.exit, 0) << r.output;
}

TEST_F(EditorTest, TheProblemMatcherFindsErrorsInProjectYmlAtTheirLine) {
  ASSERT_EQ(RunDocExample(s, kDoc, "editor.sh").exit, 0);
  // A typo in the workflow.
  std::string yml = s.Read("nlp/project.yml");
  size_t at = yml.find("[prepare, train]");
  ASSERT_NE(at, std::string::npos);
  yml.replace(at + 1, 7, "prepar");
  s.Write("nlp/project.yml", yml);
  size_t bol = yml.rfind('\n', at) + 1;
  int line = 1;
  for (size_t i = 0; i < at; ++i) line += yml[i] == '\n';
  int column = static_cast<int>(at + 1 - bol) + 1;

  JsonValue v = Tasks();
  const JsonValue* all = TaskLabelled(v, "wfgen: all");
  ASSERT_NE(all, nullptr);
  RunResult r = RunTask(*all);
  EXPECT_NE(r.exit, 0) << r.output;

  const JsonValue& matcher = *all->Find("problemMatcher");
  const JsonValue& pattern = *matcher.Find("pattern");
  std::regex re(pattern.StringOf("regexp"));
  auto group = [&](const char* name) { return std::stoi(pattern.Find(name)->text); };
  std::istringstream out(r.output);
  std::string text;
  int matches = 0;
  while (std::getline(out, text)) {
    std::smatch m;
    if (!std::regex_match(text, m, re)) continue;
    ++matches;
    // fileLocation autoDetect / relative: from the workspace folder.
    EXPECT_TRUE(s.Exists("nlp/" + m[group("file")].str())) << text;
    EXPECT_EQ(m[group("file")].str(), "project.yml") << text;
    EXPECT_EQ(std::stoi(m[group("line")]), line) << text;
    EXPECT_EQ(std::stoi(m[group("column")]), column) << text;
    EXPECT_EQ(m[group("severity")].str(), "error");
    // The note reaches the Problems panel as part of the message.
    EXPECT_EQ(m[group("message")].str(),
              "unknown command 'prepar' in workflow 'all' (note: did you mean 'prepare'?)");
  }
  EXPECT_EQ(matches, 1) << r.output;
}

// Columns count characters as VS Code does, on a line with non-ASCII text
// before the mistake.
TEST_F(EditorTest, ColumnsCountCharactersNotBytes) {
  ASSERT_EQ(RunDocExample(s, kDoc, "editor.sh").exit, 0);
  std::string yml = s.Read("nlp/project.yml");
  size_t at = yml.find("[prepare, train]");
  ASSERT_NE(at, std::string::npos);
  yml.replace(at, 16, "[\"prépa\", trian]");
  s.Write("nlp/project.yml", yml);
  size_t bol = yml.rfind('\n', at) + 1;
  int line = 1;
  for (size_t i = 0; i < at; ++i) line += yml[i] == '\n';
  // `[`, `"prépa"` (7 characters, 8 bytes), `, `: trian starts 10 characters in.
  int column = static_cast<int>(at - bol) + 1 + 10;

  JsonValue v = Tasks();
  const JsonValue* all = TaskLabelled(v, "wfgen: all");
  ASSERT_NE(all, nullptr);
  RunResult r = RunTask(*all);
  EXPECT_NE(r.exit, 0) << r.output;
  const JsonValue& pattern = *all->Find("problemMatcher")->Find("pattern");
  std::regex re(pattern.StringOf("regexp"));
  auto group = [&](const char* name) { return std::stoi(pattern.Find(name)->text); };
  std::istringstream out(r.output);
  std::string text;
  bool found = false;
  while (std::getline(out, text)) {
    std::smatch m;
    if (!std::regex_match(text, m, re) ||
        m[group("message")].str().find("'trian'") == std::string::npos) {
      continue;
    }
    found = true;
    EXPECT_EQ(std::stoi(m[group("line")]), line) << text;
    EXPECT_EQ(std::stoi(m[group("column")]), column) << text;
    EXPECT_EQ(m[group("message")].str(),
              "unknown command 'trian' in workflow 'all' (note: did you mean 'train'?)");
  }
  EXPECT_TRUE(found) << r.output;
}

TEST_F(EditorTest, MergesIntoTheUsersTasksJson) {
  const std::string users =
      "// My tasks\n"
      "{\n"
      "  \"version\": \"2.0.0\",\n"
      "  \"tasks\": [\n"
      "    /* lint first */\n"
      "    {\"label\": \"lint\", \"type\": \"shell\", \"command\": \"true\",},\n"
      "  ],\n"
      "}\n";
  s.Write("nlp/.vscode/tasks.json", users);
  RunResult r = RunDocExample(s, kDoc, "editor.sh");
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_NE(r.output.find("3 wfgen tasks, kept 1 of yours"), std::string::npos) << r.output;
  std::string merged = s.Read("nlp/.vscode/tasks.json");
  EXPECT_EQ(merged.substr(0, 93), users.substr(0, 93)) << merged;
  EXPECT_NE(merged.find("    /* lint first */\n    {\"label\": \"lint\", \"type\": \"shell\", "
                        "\"command\": \"true\",},"),
            std::string::npos)
      << merged;
  JsonValue v = Tasks();
  ASSERT_EQ(v.Find("tasks")->items.size(), 4u);
  EXPECT_NE(TaskLabelled(v, "lint"), nullptr);

  // Once more after a new command: replaced, not added twice.
  std::string yml = s.Read("nlp/project.yml");
  yml.replace(yml.find("workflows:"), 0,
              "  - name: clean\n    script: [\"rm -f corpus/words.txt\"]\n");
  s.Write("nlp/project.yml", yml);
  r = RunDocExample(s, kDoc, "editor.sh");
  ASSERT_EQ(r.exit, 0) << r.output;
  v = Tasks();
  EXPECT_EQ(v.Find("tasks")->items.size(), 5u);
  EXPECT_NE(TaskLabelled(v, "wfgen: clean"), nullptr);
  EXPECT_NE(s.Read("nlp/.vscode/tasks.json").find("    /* lint first */\n"), std::string::npos);
}

TEST_F(EditorTest, AFileItCannotReadIsLeftAlone) {
  const std::string broken = "{\n  \"version\": \"2.0.0\"\n  \"tasks\": []\n}\n";
  s.Write("nlp/.vscode/tasks.json", broken);
  RunResult r = RunDocExample(s, kDoc, "editor.sh");
  EXPECT_EQ(r.exit, 2) << r.output;
  EXPECT_NE(r.output.find("nlp/.vscode/tasks.json:3:3: error: expected ',' or '}' after a member"),
            std::string::npos)
      << r.output;
  EXPECT_EQ(s.Read("nlp/.vscode/tasks.json"), broken);
}

TEST_F(EditorTest, AnInvalidProjectWritesNothing) {
  s.Write("nlp/project.yml", "commands: 3\n");
  RunResult r = s.Wfgen({"editor", "vscode", "nlp"});
  EXPECT_EQ(r.exit, 2) << r.output;
  EXPECT_NE(r.output.find("nlp/project.yml:1:11: error:"), std::string::npos) << r.output;
  EXPECT_FALSE(s.Exists("nlp/.vscode"));
}

}  // namespace
}  // namespace test
}  // namespace wfgen
