#include "generator/tools/vscode_tasks.h"

#include <algorithm>
#include <set>
#include <utility>

#include "generator/project/json_text.h"

namespace wfgen {

// file, line, column, severity, message: `project.yml:12:11: error: ...`.
// Lazy file part, so that a path with a colon still splits right.
const char kWfgenProblemRegexp[] = "^(.*?):(\\d+):(\\d+): (error|warning): (.*)$";

namespace {

const char kLabelPrefix[] = "wfgen: ";

bool IsWfgenTask(const JsonValue& task) {
  return task.is_object() && task.StringOf("command") == "wfgen" &&
         task.StringOf("label").compare(0, sizeof kLabelPrefix - 1, kLabelPrefix) == 0;
}

// `"group": {"kind": "build", "isDefault": true}` (isDefault may also be a
// glob pattern in recent VS Code: anything but false counts).
bool IsDefaultBuildTask(const JsonValue& task) {
  const JsonValue* g = task.is_object() ? task.Find("group") : nullptr;
  if (!g || !g->is_object() || g->StringOf("kind") != "build") return false;
  const JsonValue* d = g->Find("isDefault");
  return d && !(d->kind == JsonValue::Kind::kBool && !d->boolean) &&
         d->kind != JsonValue::Kind::kNull;
}

// The task as JSON; lines after the first start with `indent`.
std::string RenderTask(const EditorTarget& t, const std::string& group, const std::string& indent,
                       const std::string& unit) {
  std::string i1 = indent + unit, i2 = i1 + unit, i3 = i2 + unit;
  std::string s = "{\n";
  s += i1 + "\"label\": " + JsonString(kLabelPrefix + t.name) + ",\n";
  if (!t.detail.empty()) s += i1 + "\"detail\": " + JsonString(t.detail) + ",\n";
  s += i1 + "\"type\": \"process\",\n";
  s += i1 + "\"command\": \"wfgen\",\n";
  s += i1 + "\"args\": [\"run\", " + JsonString(t.name) + "],\n";
  // Notes ("did you mean ...") join the line the matcher reads: a
  // multi-line pattern would need every diagnostic to have the same lines.
  s += i1 +
       "\"options\": { \"cwd\": \"${workspaceFolder}\", \"env\": { \"WFGEN_DIAGNOSTICS\": "
       "\"notes-inline\" } },\n";
  if (!group.empty()) s += i1 + "\"group\": " + group + ",\n";
  s += i1 + "\"problemMatcher\": {\n";
  s += i2 + "\"owner\": \"wfgen\",\n";
  s += i2 + "\"source\": \"wfgen\",\n";
  s += i2 + "\"fileLocation\": [\"autoDetect\", \"${workspaceFolder}\"],\n";
  s += i2 + "\"pattern\": {\n";
  s += i3 + "\"regexp\": " + JsonString(kWfgenProblemRegexp) + ",\n";
  s += i3 + "\"file\": 1,\n";
  s += i3 + "\"line\": 2,\n";
  s += i3 + "\"column\": 3,\n";
  s += i3 + "\"severity\": 4,\n";
  s += i3 + "\"message\": 5\n";
  s += i2 + "}\n";
  s += i1 + "}\n";
  s += indent + "}";
  return s;
}

// Where the line holding `pos` starts.
size_t LineStart(const std::string& text, size_t pos) {
  if (pos == 0) return 0;
  size_t nl = text.rfind('\n', pos - 1);
  return nl == std::string::npos ? 0 : nl + 1;
}

// The white space that starts the line `pos` is on.
std::string IndentAt(const std::string& text, size_t pos) {
  size_t bol = LineStart(text, pos), end = bol;
  while (end < pos && (text[end] == ' ' || text[end] == '\t')) ++end;
  return text.substr(bol, end - bol);
}

// True if only white space precedes `pos` on its line.
bool StartsLine(const std::string& text, size_t pos) {
  return LineStart(text, pos) + IndentAt(text, pos).size() == pos;
}

struct Edit {
  size_t begin, end;
  std::string text;
};

class Merger {
 public:
  Merger(const std::string& text, const std::vector<EditorTarget>& targets, TasksResult* out)
      : text_(text), targets_(targets), out_(out) {}

  bool Run(JsonError* err);

 private:
  bool Fail(size_t pos, const std::string& message, JsonError* err) {
    err->line = 1 + static_cast<int>(std::count(text_.begin(), text_.begin() + pos, '\n'));
    err->column = static_cast<int>(pos - LineStart(text_, pos)) + 1;
    err->message = message;
    return false;
  }
  // The whole file when there was none (or only white space).
  std::string NewFile();
  // False, with `err` at the place, for a file wfgen cannot merge into.
  bool Check(const JsonValue& root, JsonError* err);
  // Takes the indentation unit from the first key, if it starts a line.
  void FollowIndentUnit(const JsonValue& root);
  // Notes the user's tasks: their labels, and whether one is the default
  // build task.
  void ReadUserTasks(const JsonValue* tasks);
  // With no "tasks" key: new members after the last one (or inside `{}`).
  Edit AddTasksKey(const JsonValue& root, bool add_version);
  // With a "tasks" key: "version" in front of the first key.
  Edit AddVersionKey(const JsonValue& root);
  // With a "tasks" key: its list with wfgen's tasks replaced.
  Edit ReplaceTasks(const JsonValue& tasks);
  // The indentation of the list's elements: that of the first element that
  // starts a line, or one unit more than the key's.
  std::string ElementIndent(const JsonValue& tasks, const std::string& key_indent);
  // wfgen's tasks, each preceded by "\n" + indent, joined by commas.
  std::string NewTasks(const std::string& indent);

  const std::string& text_;
  const std::vector<EditorTarget>& targets_;
  TasksResult* out_;
  std::string unit_ = "  ";
  std::set<std::string> user_labels_;
  bool user_default_ = false;
};

std::string Merger::NewTasks(const std::string& indent) {
  std::string s;
  for (const EditorTarget& t : targets_) {
    if (user_labels_.count(kLabelPrefix + t.name)) {
      out_->notes.push_back("kept your task '" + std::string(kLabelPrefix) + t.name +
                            "' (it does not run wfgen); wfgen's is not added");
      continue;
    }
    std::string group;
    if (t.is_workflow && t.name == "all" && !user_default_) {
      group = "{ \"kind\": \"build\", \"isDefault\": true }";
    } else if (t.is_workflow) {
      group = "\"build\"";
    }
    s += std::string(s.empty() ? "" : ",") + "\n" + indent + RenderTask(t, group, indent, unit_);
    ++out_->written;
  }
  return s;
}

std::string Merger::NewFile() {
  // Comments are fine: VS Code reads tasks.json as JSON with comments.
  return "{\n"
         "  // Tasks labelled \"wfgen: ...\" are written by `wfgen editor vscode`; run it\n"
         "  // again after editing project.yml. It replaces only those and keeps the rest.\n"
         "  \"version\": \"2.0.0\",\n"
         "  \"tasks\": [" +
         NewTasks("    ") + "\n  ]\n}\n";
}

bool Merger::Check(const JsonValue& root, JsonError* err) {
  if (!root.is_object()) return Fail(root.begin, "tasks.json must hold an object", err);
  const JsonValue* version = root.Find("version");
  if (version && !(version->is_string() && version->text == "2.0.0")) {
    return Fail(version->begin,
                "wfgen writes tasks of version \"2.0.0\", and this file is of another version; "
                "convert it first (VS Code offers to)",
                err);
  }
  const JsonValue* tasks = root.Find("tasks");
  if (tasks && !tasks->is_array()) return Fail(tasks->begin, "\"tasks\" must be a list", err);
  return true;
}

void Merger::FollowIndentUnit(const JsonValue& root) {
  if (!root.key_begins.empty() && StartsLine(text_, root.key_begins[0])) {
    unit_ = IndentAt(text_, root.key_begins[0]);
    if (unit_.empty()) unit_ = "  ";
  }
}

void Merger::ReadUserTasks(const JsonValue* tasks) {
  if (tasks) {
    for (const auto& t : tasks->items) {
      if (IsWfgenTask(*t)) continue;
      if (t->is_object()) user_labels_.insert(t->StringOf("label"));
      user_default_ |= IsDefaultBuildTask(*t);
      ++out_->kept;
    }
  }
  if (user_default_) {
    out_->notes.push_back(
        "you have a default build task; 'wfgen: all' is in the build group "
        "without replacing it");
  }
}

Edit Merger::AddTasksKey(const JsonValue& root, bool add_version) {
  std::string key_indent = unit_;
  std::string members;
  if (add_version) members += "\n" + key_indent + "\"version\": \"2.0.0\",";
  members +=
      "\n" + key_indent + "\"tasks\": [" + NewTasks(key_indent + unit_) + "\n" + key_indent + "]";
  if (root.items.empty()) return {root.begin + 1, root.begin + 1, members + "\n"};
  // After the last member, minding a trailing comma.
  size_t after = root.items.back()->end;
  size_t next = SkipJsoncSpace(text_, after);
  if (next < text_.size() && text_[next] == ',') return {next + 1, next + 1, members};
  return {after, after, "," + members};
}

Edit Merger::AddVersionKey(const JsonValue& root) {
  return {root.key_begins[0], root.key_begins[0],
          "\"version\": \"2.0.0\",\n" + IndentAt(text_, root.key_begins[0])};
}

std::string Merger::ElementIndent(const JsonValue& tasks, const std::string& key_indent) {
  for (const auto& t : tasks.items) {
    if (StartsLine(text_, t->begin)) return IndentAt(text_, t->begin);
  }
  return key_indent + unit_;
}

Edit Merger::ReplaceTasks(const JsonValue& tasks) {
  // Rebuild the inside of the list from the kept elements' own text (each
  // with the space and comments before it) and wfgen's new tasks, placed
  // where wfgen's first old task was, or at the end.
  std::string key_indent = IndentAt(text_, tasks.begin);
  std::string fresh = NewTasks(ElementIndent(tasks, key_indent));
  std::string inside;
  bool placed = false;
  size_t chunk = tasks.begin + 1;  // where the next element's leading space starts
  size_t tail = chunk;             // where the space before `]` starts
  for (const auto& t : tasks.items) {
    size_t next = SkipJsoncSpace(text_, t->end);
    bool comma = next < text_.size() && text_[next] == ',';
    if (IsWfgenTask(*t)) {
      ++out_->replaced;
      if (!placed) {
        inside += std::string(inside.empty() || fresh.empty() ? "" : ",") + fresh;
        placed = true;
      }
    } else {
      inside += std::string(inside.empty() ? "" : ",") + text_.substr(chunk, t->end - chunk);
    }
    chunk = comma ? next + 1 : t->end;
    tail = chunk;
  }
  if (!placed) inside += std::string(inside.empty() || fresh.empty() ? "" : ",") + fresh;
  std::string closing = text_.substr(tail, tasks.end - 1 - tail);
  if (closing.find('\n') == std::string::npos) closing = "\n" + key_indent + closing;
  return {tasks.begin + 1, tasks.end - 1, inside + closing};
}

// `text` with the edits made; they do not overlap, and are made from the
// last to the first so that each one's offsets still hold.
std::string ApplyEdits(std::string text, std::vector<Edit> edits) {
  std::sort(edits.begin(), edits.end(),
            [](const Edit& a, const Edit& b) { return a.begin > b.begin; });
  for (const Edit& e : edits) text.replace(e.begin, e.end - e.begin, e.text);
  return text;
}

bool Merger::Run(JsonError* err) {
  if (SkipJsoncSpace(text_, 0) == text_.size()) {
    out_->text = NewFile();
    return true;
  }
  JsonValue root;
  if (!ParseJsonc(text_, &root, err)) return false;
  if (!Check(root, err)) return false;
  FollowIndentUnit(root);
  const JsonValue* version = root.Find("version");
  const JsonValue* tasks = root.Find("tasks");
  ReadUserTasks(tasks);

  std::vector<Edit> edits;
  if (!tasks) {
    edits.push_back(AddTasksKey(root, !version));
  } else {
    if (!version) edits.push_back(AddVersionKey(root));
    edits.push_back(ReplaceTasks(*tasks));
  }
  out_->text = ApplyEdits(text_, std::move(edits));
  return true;
}

std::string Steps(const Workflow& w) {
  std::string steps;
  for (const WorkflowStep& s : w.steps) {
    std::string one;
    for (const Text& t : s.commands) one += (one.empty() ? "" : " | ") + t.value;
    steps += (steps.empty() ? "" : " -> ") + (s.parallel ? "[" + one + "]" : one);
  }
  return steps;
}

}  // namespace

std::vector<EditorTarget> EditorTargets(const Project& project) {
  std::vector<EditorTarget> targets;
  for (const Workflow& w : project.workflows) {
    targets.push_back({w.name.value, true, "workflow: " + Steps(w)});
  }
  for (const Command& c : project.commands) {
    targets.push_back({c.name.value, false, c.help.empty() ? "command" : c.help});
  }
  return targets;
}

bool MergeVscodeTasks(const std::string& existing, const std::vector<EditorTarget>& targets,
                      TasksResult* out, JsonError* err) {
  *out = TasksResult();
  return Merger(existing, targets, out).Run(err);
}

}  // namespace wfgen
