#include "runtime/state/decide.h"

namespace wfgen {
namespace {

std::string Kind(FileKind k) {
  switch (k) {
    case FileKind::kMissing: return "missing";
    case FileKind::kFile: return "a file";
    case FileKind::kDir: return "a directory";
    case FileKind::kOther: return "not a regular file";
  }
  return "?";
}

bool SamePaths(const std::vector<PathState>& recorded, const std::vector<PathState>& now) {
  if (recorded.size() != now.size()) return false;
  for (size_t i = 0; i < now.size(); ++i) {
    if (recorded[i].path != now[i].path) return false;
  }
  return true;
}

// The first path whose content differs, with a description.
bool FirstChange(const std::vector<PathState>& recorded, const std::vector<PathState>& now,
                 std::string* path, std::string* detail) {
  for (size_t i = 0; i < now.size(); ++i) {
    std::string d = DescribeChange(recorded[i], now[i]);
    if (!d.empty()) {
      *path = now[i].path;
      *detail = d;
      return true;
    }
  }
  return false;
}

}  // namespace

std::string DescribeChange(const PathState& before, const PathState& now) {
  if (before.kind != now.kind) {
    if (now.kind == FileKind::kMissing) return "was deleted";
    if (before.kind == FileKind::kMissing) return "was created";
    return "was " + Kind(before.kind) + ", is now " + Kind(now.kind);
  }
  if (before.hash == now.hash) return "";
  if (now.kind != FileKind::kDir) return "content changed";
  // Walk both sorted child lists to name the first difference.
  size_t i = 0, j = 0;
  const auto& a = before.children;
  const auto& b = now.children;
  while (i < a.size() || j < b.size()) {
    if (j == b.size() || (i < a.size() && a[i].rel < b[j].rel)) {
      return "file '" + a[i].rel + "' inside it was deleted";
    }
    if (i == a.size() || b[j].rel < a[i].rel) {
      return "file '" + b[j].rel + "' inside it was added";
    }
    if (a[i].hash != b[j].hash) return "file '" + b[j].rel + "' inside it changed";
    ++i;
    ++j;
  }
  return "content changed";
}

Decision Decide(const StepSpec& spec, const Record* record, const std::string& record_error,
                const Current& current, bool forced) {
  Decision d;
  if (forced) {
    d.why = Why::kForced;
    return d;
  }
  if (spec.no_skip) {
    d.why = Why::kNoSkip;
    return d;
  }
  if (!record) {
    d.why = Why::kNoRecord;
    d.detail = record_error;
    return d;
  }
  if (current.outs.empty()) {
    d.why = Why::kNoOutputs;
    return d;
  }
  if (record->script != current.script) {
    d.why = Why::kScriptChanged;
    return d;
  }
  if (!SamePaths(record->deps, current.deps)) {
    d.why = Why::kDepsListChanged;
    return d;
  }
  if (!SamePaths(record->outs, current.outs)) {
    d.why = Why::kOutputsListChanged;
    return d;
  }
  if (FirstChange(record->deps, current.deps, &d.path, &d.detail)) {
    d.why = Why::kDepChanged;
    return d;
  }
  if (FirstChange(record->outs, current.outs, &d.path, &d.detail)) {
    d.why = Why::kOutputChanged;
    return d;
  }
  d.run = false;
  d.why = Why::kUpToDate;
  return d;
}

std::string Decision::Explain() const {
  switch (why) {
    case Why::kForced: return "forced (--force)";
    case Why::kNoSkip: return "no_skip is set";
    case Why::kNoRecord:
      return detail.empty() ? "no record of a previous successful run"
                            : "no usable record of a previous run (" + detail + ")";
    case Why::kNoOutputs: return "it declares no outputs, so it always runs";
    case Why::kScriptChanged: return "its script changed";
    case Why::kDepsListChanged: return "its list of deps changed";
    case Why::kOutputsListChanged: return "its list of outputs changed";
    case Why::kDepChanged: return "dep '" + path + "' " + detail;
    case Why::kOutputChanged: return "output '" + path + "' " + detail;
    case Why::kUpToDate: return "nothing changed";
  }
  return "?";
}

}  // namespace wfgen
