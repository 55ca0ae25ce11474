#include "generator/tools/document.h"

#include <vector>

namespace wfgen {
namespace {

const char* kTags[] = {"WFGEN", "WEASEL", "SPACY PROJECT"};

std::string Start(const std::string& tag) {
  return "<!-- " + tag + ": AUTO-GENERATED DOCS START (do not remove) -->";
}
std::string End(const std::string& tag) {
  return "<!-- " + tag + ": AUTO-GENERATED DOCS END (do not remove) -->";
}
std::string Ignore(const std::string& tag) { return "<!-- " + tag + ": IGNORE -->"; }

// Table cells: pipes would end the cell, newlines the row.
std::string Cell(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += "&#124;";
    else if (c == '\n') out += ' ';
    else out += c;
  }
  return out;
}

std::string Code(const std::string& s) { return "`" + Cell(s) + "`"; }

std::string Table(const std::vector<std::string>& header,
                  const std::vector<std::vector<std::string>>& rows) {
  std::string out = "|";
  for (auto& h : header) out += " " + h + " |";
  out += "\n|";
  for (size_t i = 0; i < header.size(); ++i) out += " --- |";
  out += "\n";
  for (auto& r : rows) {
    out += "|";
    for (auto& c : r) out += " " + c + " |";
    out += "\n";
  }
  return out;
}

}  // namespace

std::string RenderProjectDocs(const Project& p, int parallelism,
                              bool (*asset_exists)(const std::string&, const void*),
                              const void* ctx) {
  std::string md = Start("WFGEN") + "\n\n";
  md += "# Project" + (p.title.empty() ? std::string() : ": " + p.title) + "\n\n";
  if (!p.description.empty()) md += p.description + "\n\n";
  md += "## project.yml\n\n";
  md +=
      "The [`project.yml`](project.yml) defines the data assets required by the project, as\n"
      "well as the available commands and workflows. Run them with `wfgen run NAME`\n"
      "(or `wfgen && ninja NAME`). Commands are only re-run if their inputs have changed.\n\n";
  if (!p.commands.empty()) {
    md += "### Commands\n\nThe following commands are defined by the project.\n\n";
    std::vector<std::vector<std::string>> rows;
    for (const Command& c : p.commands) {
      // A flaky command says so: readers learn why a run may take longer.
      const RetryPolicy& r = c.retries ? *c.retries : p.retries;
      std::string note = r.max > 0 ? "Retried up to " + std::to_string(r.max) + " time" +
                                         (r.max == 1 ? "" : "s") + " when it fails."
                                   : "";
      std::string help = Cell(c.help);
      rows.push_back({Code(c.name.value), help + (help.empty() || note.empty() ? "" : " ") + note});
    }
    md += Table({"Command", "Description"}, rows) + "\n";
  }
  if (!p.workflows.empty()) {
    md +=
        "### Workflows\n\nThe following workflows are defined by the project. They run the\n"
        "listed commands in order; a group in brackets runs in parallel, at most " +
        std::to_string(parallelism) + " at a time.\n\n";
    std::vector<std::vector<std::string>> rows;
    for (const Workflow& w : p.workflows) {
      std::string steps;
      for (const WorkflowStep& s : w.steps) {
        std::string one;
        for (const Text& t : s.commands) one += (one.empty() ? "" : ", ") + Code(t.value);
        steps += (steps.empty() ? "" : " &rarr; ") + (s.parallel ? "[" + one + "]" : one);
      }
      rows.push_back({Code(w.name.value), steps});
    }
    md += Table({"Workflow", "Steps"}, rows) + "\n";
  }
  if (!p.assets.empty()) {
    md +=
        "### Assets\n\nThe following assets are defined by the project. Fetch them with\n"
        "`wfgen assets` (or `weasel assets`); `ninja all` fetches those its steps read.\n\n";
    std::vector<std::vector<std::string>> rows;
    for (const Asset& a : p.assets) {
      std::string source = !a.git_repo.empty() ? "Git" : !a.url.empty() ? "URL" : "Local";
      std::string dest = a.dest.empty() ? a.git_path : a.dest;
      std::string file = Code(dest);
      if (source == "Local" && asset_exists && asset_exists(dest, ctx)) {
        file = "[" + file + "](" + dest + ")";
      }
      rows.push_back({file, source, Cell(a.description)});
    }
    md += Table({"File", "Source", "Description"}, rows) + "\n";
  }
  if (!p.remotes.empty()) {
    md +=
        "### Remote storage\n\nOutputs are shared through these remotes: `wfgen push NAME` /\n"
        "`wfgen pull NAME` (or `weasel push` / `weasel pull`; docs/remotes.md of wfgen).\n\n";
    std::vector<std::vector<std::string>> rows;
    for (const Remote& r : p.remotes) rows.push_back({Code(r.name), Code(r.url)});
    md += Table({"Remote", "URL"}, rows) + "\n";
  }
  md += End("WFGEN") + "\n";
  return md;
}

std::string MergeProjectDocs(const std::string& existing, const std::string& section,
                             DocsMerge* how) {
  for (const char* tag : kTags) {
    if (existing.find(Ignore(tag)) != std::string::npos) {
      *how = DocsMerge::kIgnored;
      return existing;
    }
  }
  for (const char* tag : kTags) {
    size_t start = existing.find(Start(tag));
    size_t end = existing.find(End(tag));
    if (start == std::string::npos || end == std::string::npos || end < start) continue;
    end += End(tag).size();
    if (end < existing.size() && existing[end] == '\n') ++end;
    // Keep the file's own tag, so whichever tool wrote it still finds it.
    std::string body = section;
    if (std::string(tag) != "WFGEN") {
      body.replace(body.find(Start("WFGEN")), Start("WFGEN").size(), Start(tag));
      body.replace(body.find(End("WFGEN")), End("WFGEN").size(), End(tag));
    }
    *how = DocsMerge::kReplacedSection;
    return existing.substr(0, start) + body + existing.substr(end);
  }
  *how = DocsMerge::kAppended;
  if (existing.empty()) return section;
  return existing + (existing.back() == '\n' ? "\n" : "\n\n") + section;
}

}  // namespace wfgen
