#include "generator/tools/vscode_tasks.h"

#include <regex>

#include <gtest/gtest.h>

#include "generator/project/loader.h"

namespace wfgen {
namespace {

std::vector<EditorTarget> Targets(const std::string& yml) {
  LoadResult r;
  Diagnostics diag;
  EXPECT_TRUE(LoadProject(yml, LoadOptions(), &r, &diag)) << diag.Render("p", yml);
  return EditorTargets(r.project);
}

const char kProject[] = R"(commands:
  - {name: prep, help: Prepare the data, script: [x]}
  - {name: train, script: [x]}
workflows:
  all: [prep, {parallel: [train]}]
)";

std::string Merge(const std::string& existing, TasksResult* result = nullptr) {
  TasksResult local;
  TasksResult* r = result ? result : &local;
  JsonError err;
  EXPECT_TRUE(MergeVscodeTasks(existing, Targets(kProject), r, &err))
      << err.line << ":" << err.column << ": " << err.message;
  JsonValue parsed;
  EXPECT_TRUE(ParseJsonc(r->text, &parsed, &err))
      << "the result does not parse: " << err.line << ":" << err.column << ": " << err.message
      << "\n"
      << r->text;
  return r->text;
}

// wfgen's tasks in `text`, by label, in order.
std::vector<std::string> Labels(const std::string& text) {
  JsonValue v;
  JsonError err;
  std::vector<std::string> labels;
  if (!ParseJsonc(text, &v, &err)) return labels;
  for (const auto& t : v.Find("tasks")->items) labels.push_back(t->StringOf("label"));
  return labels;
}

// One of wfgen's tasks as a new file holds it, exactly, with $name,
// $detail and $group (the whole "group" line, or nothing) filled in.
std::string NewFileTask(const std::string& name, const std::string& detail,
                        const std::string& group) {
  std::string task = R"(    {
      "label": "wfgen: $name",
      "detail": "$detail",
      "type": "process",
      "command": "wfgen",
      "args": ["run", "$name"],
      "options": { "cwd": "${workspaceFolder}", "env": { "WFGEN_DIAGNOSTICS": "notes-inline" } },
$group      "problemMatcher": {
        "owner": "wfgen",
        "source": "wfgen",
        "fileLocation": ["autoDetect", "${workspaceFolder}"],
        "pattern": {
          "regexp": "^(.*?):(\\d+):(\\d+): (error|warning): (.*)$",
          "file": 1,
          "line": 2,
          "column": 3,
          "severity": 4,
          "message": 5
        }
      }
    })";
  for (const auto& [key, value] : {std::pair<std::string, std::string>{"$name", name},
                                   {"$detail", detail},
                                   {"$group", group}}) {
    for (size_t at = task.find(key); at != std::string::npos;
         at = task.find(key, at + value.size())) {
      task.replace(at, key.size(), value);
    }
  }
  return task;
}

TEST(VscodeTasksTest, ANewFileExactly) {
  const std::string head = R"({
  // Tasks labelled "wfgen: ..." are written by `wfgen editor vscode`; run it
  // again after editing project.yml. It replaces only those and keeps the rest.
  "version": "2.0.0",
  "tasks": [
)";
  const std::string default_build = R"(      "group": { "kind": "build", "isDefault": true },
)";
  TasksResult r;
  EXPECT_EQ(Merge("", &r), head + NewFileTask("all", "workflow: prep -> [train]", default_build) +
                               ",\n" + NewFileTask("prep", "Prepare the data", "") + ",\n" +
                               NewFileTask("train", "command", "") + "\n  ]\n}\n");
  EXPECT_EQ(r.written, 3);
  EXPECT_EQ(r.kept, 0);
}

// A file as a user keeps it: comments, tabs, trailing commas, their own
// tasks around an old wfgen task, and a wfgen task for a workflow that no
// longer exists.
const char kUsers[] =
    "{\n"
    "\t// See https://go.microsoft.com/fwlink/?LinkId=733558\n"
    "\t\"version\": \"2.0.0\",\n"
    "\t\"tasks\": [\n"
    "\t\t// my linter\n"
    "\t\t{ \"label\": \"lint\", \"type\": \"shell\", \"command\": \"flake8\", },\n"
    "\t\t{ \"label\": \"wfgen: all\", \"command\": \"wfgen\", \"args\": [\"run\", \"all\"] },\n"
    "\t\t{ \"label\": \"wfgen: old\", \"command\": \"wfgen\" },\n"
    "\t\t/* the tests */ { \"label\": \"test\", \"command\": \"pytest\" },\n"
    "\t],\n"
    "\t\"inputs\": [], // mine too\n"
    "}\n";

TEST(VscodeTasksTest, MergingKeepsTheUsersTasksCommentsAndLayout) {
  TasksResult r;
  std::string merged = Merge(kUsers, &r);
  EXPECT_EQ(Labels(merged), (std::vector<std::string>{"lint", "wfgen: all", "wfgen: prep",
                                                      "wfgen: train", "test"}));
  EXPECT_EQ(r.kept, 2);
  EXPECT_EQ(r.replaced, 2);
  EXPECT_EQ(r.written, 3);
  // Everything of the user's is there byte for byte.
  for (const char* kept : {"\t// See https://go.microsoft.com/fwlink/?LinkId=733558\n\t\"version\"",
                           "\t\t// my linter\n\t\t{ \"label\": \"lint\", \"type\": \"shell\", "
                           "\"command\": \"flake8\", },",
                           "\t\t/* the tests */ { \"label\": \"test\", \"command\": \"pytest\" }",
                           "\t\"inputs\": [], // mine too\n}\n"}) {
    EXPECT_NE(merged.find(kept), std::string::npos) << kept << "\n---\n" << merged;
  }
  // wfgen's tasks take the file's indentation.
  EXPECT_NE(merged.find("\n\t\t{\n\t\t\t\"label\": \"wfgen: all\",\n"), std::string::npos)
      << merged;
  EXPECT_EQ(merged.find("wfgen: old"), std::string::npos);
}

TEST(VscodeTasksTest, MergingTwiceChangesNothing) {
  std::string once = Merge(kUsers);
  EXPECT_EQ(Merge(once), once);
  std::string fresh = Merge("");
  EXPECT_EQ(Merge(fresh), fresh);
}

TEST(VscodeTasksTest, TheUsersDefaultBuildTaskStaysTheDefault) {
  TasksResult r;
  std::string merged = Merge(R"({"version": "2.0.0", "tasks": [
  {"label": "make", "command": "make", "group": {"kind": "build", "isDefault": true}}
]})",
                             &r);
  EXPECT_EQ(merged.find("\"isDefault\": true }"), std::string::npos) << merged;
  EXPECT_NE(
      merged.find(
          "\"label\": \"wfgen: all\",\n    \"detail\": \"workflow: prep -> [train]\",\n"
          "    \"type\": \"process\",\n    \"command\": \"wfgen\",\n"
          "    \"args\": [\"run\", \"all\"],\n"
          "    \"options\": { \"cwd\": \"${workspaceFolder}\", \"env\": { \"WFGEN_DIAGNOSTICS\": "
          "\"notes-inline\" } },\n"
          "    \"group\": \"build\",\n"),
      std::string::npos)
      << merged;
  ASSERT_EQ(r.notes.size(), 1u);
}

TEST(VscodeTasksTest, AUserTaskWithOurLabelWins) {
  TasksResult r;
  std::string merged = Merge(R"({"version": "2.0.0", "tasks": [
  {"label": "wfgen: prep", "command": "./my-prep.sh"}
]})",
                             &r);
  EXPECT_EQ(Labels(merged),
            (std::vector<std::string>{"wfgen: prep", "wfgen: all", "wfgen: train"}));
  EXPECT_NE(merged.find("./my-prep.sh"), std::string::npos);
  EXPECT_EQ(r.written, 2);
}

TEST(VscodeTasksTest, MissingKeysAreAdded) {
  EXPECT_EQ(Labels(Merge("{}")),
            (std::vector<std::string>{"wfgen: all", "wfgen: prep", "wfgen: train"}));
  std::string merged = Merge("{\n    \"options\": {\"env\": {}},\n}\n");
  std::string start =
      "{\n    \"options\": {\"env\": {}},\n    \"version\": \"2.0.0\",\n    \"tasks\": [";
  EXPECT_EQ(merged.substr(0, start.size()), start);
  EXPECT_EQ(merged.substr(merged.size() - 8), "    ]\n}\n") << merged;
  merged = Merge("{\"tasks\": []}");
  start = "{\"version\": \"2.0.0\",\n\"tasks\": [\n  {";
  EXPECT_EQ(merged.substr(0, start.size()), start) << merged;
  EXPECT_EQ(Labels(merged).size(), 3u);
}

TEST(VscodeTasksTest, WhatCannotBeMergedIsAnErrorAtItsPlace) {
  struct Case {
    const char* text;
    int line, column;
    const char* message;
  };
  for (const Case& c : std::vector<Case>{
           {"[]", 1, 1, "tasks.json must hold an object"},
           {"{\n  \"version\": \"0.1.0\"\n}", 2, 14,
            "wfgen writes tasks of version \"2.0.0\", and this file is of another version; "
            "convert it first (VS Code offers to)"},
           {"{\"version\": \"2.0.0\", \"tasks\": {}}", 1, 31, "\"tasks\" must be a list"},
           {"{\"version\": \"2.0.0\" \"tasks\": []}", 1, 21, "expected ',' or '}' after a member"},
       }) {
    TasksResult r;
    JsonError err;
    EXPECT_FALSE(MergeVscodeTasks(c.text, Targets(kProject), &r, &err)) << c.text;
    EXPECT_EQ(err.line, c.line) << c.text;
    EXPECT_EQ(err.column, c.column) << c.text;
    EXPECT_EQ(err.message, c.message) << c.text;
  }
}

TEST(VscodeTasksTest, EveryPrefixOfAFileIsMergedOrRefusedNeverMangled) {
  // Truncated and cut-up files, as an editor may leave them: each is either
  // merged into something that parses, or refused with a position in it.
  std::string full = Merge(kUsers);
  std::vector<EditorTarget> targets = Targets(kProject);
  for (size_t n = 0; n <= full.size(); ++n) {
    for (const std::string& text : {full.substr(0, n), full.substr(n)}) {
      TasksResult r;
      JsonError err;
      if (MergeVscodeTasks(text, targets, &r, &err)) {
        JsonValue v;
        EXPECT_TRUE(ParseJsonc(r.text, &v, &err)) << "from:\n" << text << "\nto:\n" << r.text;
      } else {
        EXPECT_GE(err.line, 1);
        EXPECT_GE(err.column, 1);
        EXPECT_FALSE(err.message.empty());
      }
    }
  }
}

TEST(VscodeTasksTest, TheProblemMatcherReadsWfgensDiagnostics) {
  // VS Code's regular expressions are JavaScript's; std::regex's default
  // grammar is ECMAScript.
  std::regex re(kWfgenProblemRegexp);
  std::smatch m;
  std::string line = "project.yml:12:11: error: unknown command 'trian' in workflow 'all'";
  ASSERT_TRUE(std::regex_match(line, m, re));
  EXPECT_EQ(m[1], "project.yml");
  EXPECT_EQ(m[2], "12");
  EXPECT_EQ(m[3], "11");
  EXPECT_EQ(m[4], "error");
  EXPECT_EQ(m[5], "unknown command 'trian' in workflow 'all'");
  line = "nlp/project.yml:3:5: warning: unknown key 'workflow' is ignored";
  ASSERT_TRUE(std::regex_match(line, m, re));
  EXPECT_EQ(m[1], "nlp/project.yml");
  EXPECT_EQ(m[4], "warning");
  line = "  note: did you mean 'train'?";
  EXPECT_FALSE(std::regex_match(line, m, re));
}

}  // namespace
}  // namespace wfgen
