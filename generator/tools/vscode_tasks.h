// The VS Code tasks of a project (`wfgen editor vscode`) and their merge
// into an existing .vscode/tasks.json.
//
// One task per workflow and per command, labelled `wfgen: NAME`, running
// `wfgen run NAME` in the workspace folder (the project directory), with a
// problem matcher for wfgen's `project.yml:LINE:COL: error|warning: ...`
// diagnostics. The workflow `all` is the default build task unless the
// user already has one.
//
// The merge edits the existing text in place: wfgen's own tasks (label
// `wfgen: ...` and command `wfgen`) are replaced where the first of them
// was, everything else (the user's tasks, other keys, comments, layout) is
// kept byte for byte. Running it twice gives the same file.
#pragma once

#include <string>
#include <vector>

#include "generator/project/jsonc.h"
#include "generator/project/project.h"

namespace wfgen {

struct EditorTarget {
  std::string name;
  bool is_workflow = false;
  std::string detail;  // shown under the label in the task picker
};

// Workflows in file order, then commands in file order.
std::vector<EditorTarget> EditorTargets(const Project& project);

struct TasksResult {
  std::string text;  // the new tasks.json
  int written = 0;   // wfgen's tasks in it
  int replaced = 0;  // wfgen's tasks that were there before
  int kept = 0;      // the user's tasks, kept
  std::vector<std::string> notes;
};

// `existing` is the current tasks.json, or "" when there is none. False
// when it cannot be read as JSON with comments, or is not a version 2.0.0
// tasks file; `err` then says where.
bool MergeVscodeTasks(const std::string& existing, const std::vector<EditorTarget>& targets,
                      TasksResult* out, JsonError* err);

// The problem matcher's regular expression (JavaScript syntax), for tests.
extern const char kWfgenProblemRegexp[];

}  // namespace wfgen
