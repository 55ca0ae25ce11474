#include "generator/run/run_status.h"

#include <algorithm>
#include <cstdlib>
#include <map>

#include "generator/run/dry_run.h"
#include "runtime/base/disk.h"
#include "runtime/state/step_spec.h"

namespace wfgen {

std::string StateWord(RowState s) {
  switch (s) {
    case RowState::kWaiting: return "waiting";
    case RowState::kRunning: return "running";
    case RowState::kSucceeded: return "succeeded";
    case RowState::kSkipped: return "skipped";
    case RowState::kUpToDate: return "up to date";
    case RowState::kFailed: return "failed";
    case RowState::kTerminated: return "terminated";
    case RowState::kNotStarted: return "not started";
    case RowState::kInterrupted: return "interrupted";
  }
  return "?";
}

RunStatus::RunStatus(const BuildPlan& plan, const std::string& target,
                     const std::string& stamps_dir, const std::string& log_prefix)
    : target_(target), stamps_dir_(stamps_dir) {
  for (const PlanStep* s : StepsOf(plan, target)) {
    StatusRow row;
    row.key = s->key;
    row.command = s->command;
    if (s->group >= 0) row.group = plan.groups[static_cast<size_t>(s->group)].ordinal;
    row.log = JoinPath(log_prefix, LogPath(s->command));
    row.label = s->command;
    row.alone = s->alone;
    rows_.push_back(std::move(row));
  }
  std::map<std::string, int> occurrences;
  for (const StatusRow& r : rows_) ++occurrences[r.command];
  const std::vector<const PlanStep*> steps = StepsOf(plan, target);
  std::map<std::string, size_t> row_of;
  for (size_t i = 0; i < rows_.size(); ++i) row_of[rows_[i].key] = i;
  std::map<std::string, const PlanGroup*> groups;
  for (const PlanGroup& g : plan.groups) groups[g.key] = &g;
  for (size_t i = 0; i < steps.size(); ++i) {
    std::vector<std::string> before = steps[i]->producers;
    auto g = groups.find(steps[i]->after);
    if (g != groups.end()) {
      before.insert(before.end(), g->second->members.begin(), g->second->members.end());
    } else if (!steps[i]->after.empty()) {
      before.push_back(steps[i]->after);
    }
    for (const std::string& k : before) {
      auto it = row_of.find(k);
      if (it != row_of.end()) rows_[i].prerequisites.push_back(it->second);
    }
  }
  for (size_t i = 0; i < rows_.size(); ++i) {
    if (occurrences[rows_[i].command] < 2) continue;
    rows_[i].label += rows_[i].group >= 0 ? " (group " + std::to_string(rows_[i].group) + ")"
                                          : " (step " + std::to_string(steps[i]->position) + ")";
  }
  // The assets the target's steps read, which Ninja fetches first: a row
  // each, fed by wfgen-transfer's events (transfer/progress_events.h).
  std::set<std::string> dests;
  for (const PlanStep* s : steps) {
    auto it = plan.asset_inputs.find(s->command);
    if (it != plan.asset_inputs.end()) dests.insert(it->second.begin(), it->second.end());
  }
  for (const PlanAsset& a : plan.assets) {
    if (!dests.count(a.dest)) continue;
    StatusRow row;
    row.key = "assets/" + a.key;
    row.command = "asset " + a.dest;
    row.label = row.command;
    rows_.push_back(std::move(row));
  }
}

int RunStatus::Find(const std::string& stamp) const {
  std::string prefix = stamps_dir_ + "/";
  if (stamp.compare(0, prefix.size(), prefix) != 0) return -1;
  std::string key = stamp.substr(prefix.size());
  for (size_t i = 0; i < rows_.size(); ++i) {
    if (rows_[i].key == key) return static_cast<int>(i);
  }
  return -1;
}

int RunStatus::Apply(const StepEvent& e, int64_t now_ms) {
  int found = Find(e.stamp);
  if (found < 0) return -1;
  {
    size_t i = static_cast<size_t>(found);
    StatusRow& row = rows_[i];
    // A step's start and end as its wrapper saw them (events.h); never
    // before the run itself started (a wrapper sends nothing earlier).
    int64_t at_ms = e.at_ms >= started_ms_ && e.at_ms > 0 ? e.at_ms : now_ms;
    switch (e.kind) {
      case EventKind::kStart:
        row.state = RowState::kRunning;
        row.start_ms = at_ms;
        row.pid = e.code;
        // Ninja starts a step only when what it waits for is done: what
        // never started was up to date.
        for (size_t p : row.prerequisites) MarkUpToDate(p);
        break;
      case EventKind::kStop: {
        size_t space = e.detail.find(' ');
        row.stop_signal = e.detail.substr(0, space);
        int64_t grace =
            space == std::string::npos ? 0 : strtoll(e.detail.c_str() + space + 1, nullptr, 10);
        row.kill_at_ms = at_ms + grace;
        row.stop_grace_ms = grace;
        break;
      }
      case EventKind::kLine: row.last_line = e.detail; break;
      case EventKind::kRetry: {
        RetryNotice n;
        if (!ParseRetry(e.detail, &n)) break;
        row.attempt = n.next;
        row.retry = RetryText(n) + (n.why.empty() ? "" : ": " + n.why);
        row.last_line = "retrying (" + RetryText(n) + ")" + (n.why.empty() ? "" : ": " + n.why);
        break;
      }
      case EventKind::kEnd: {
        std::string state = e.detail.substr(0, e.detail.find(' '));
        std::string detail =
            e.detail.find(' ') == std::string::npos ? "" : e.detail.substr(e.detail.find(' ') + 1);
        if (row.start_ms < 0) row.start_ms = at_ms;
        row.end_ms = at_ms;
        row.detail = detail;
        row.exit_code = e.code;
        if (state == "failed" && first_failure_ < 0) first_failure_ = found;
        if (state == "succeeded") row.state = RowState::kSucceeded;
        else if (state == "skipped") row.state = RowState::kSkipped;
        else if (state == "failed") row.state = RowState::kFailed;
        else if (state == "terminated")
          row.state = detail == "interrupted" ? RowState::kInterrupted : RowState::kTerminated;
        else row.state = RowState::kFailed;
        break;
      }
    }
  }
  return found;
}

void RunStatus::MarkUpToDate(size_t i) {
  if (rows_[i].state != RowState::kWaiting) return;
  rows_[i].state = RowState::kUpToDate;
  for (size_t p : rows_[i].prerequisites) MarkUpToDate(p);
}

int RunStatus::FirstFailureExit() const {
  if (first_failure_ < 0) return 0;
  int code = rows_[static_cast<size_t>(first_failure_)].exit_code;
  return code != 0 ? code : 1;
}

void RunStatus::Finish(bool success, int64_t now_ms, const std::set<std::string>* still_dirty) {
  for (StatusRow& row : rows_) {
    if (row.state == RowState::kWaiting) {
      bool clean = success || (still_dirty && !still_dirty->count(row.key));
      row.state = clean ? RowState::kUpToDate : RowState::kNotStarted;
    } else if (row.state == RowState::kRunning) {
      row.state = RowState::kInterrupted;
      row.end_ms = now_ms;
    }
  }
}

std::string RetryText(const RetryNotice& n) {
  return "attempt " + std::to_string(n.next) + " of " + std::to_string(n.attempts) +
         (n.delay_ms > 0 ? ", in " + DelayText(n.delay_ms) : "");
}

StatusCounts RunStatus::Counts() const {
  StatusCounts c;
  for (const StatusRow& row : rows_) {
    switch (row.state) {
      case RowState::kWaiting: ++c.waiting; break;
      case RowState::kRunning: ++c.running; break;
      case RowState::kSucceeded:
        ++c.succeeded;
        if (row.attempt > 1) ++c.flaky;
        break;
      case RowState::kSkipped: ++c.skipped; break;
      case RowState::kUpToDate: ++c.up_to_date; break;
      case RowState::kFailed: ++c.failed; break;
      case RowState::kTerminated: ++c.terminated; break;
      case RowState::kNotStarted: ++c.not_started; break;
      case RowState::kInterrupted: ++c.interrupted; break;
    }
  }
  return c;
}

std::vector<const StatusRow*> RunStatus::Slowest(size_t n) const {
  std::vector<const StatusRow*> done;
  for (const StatusRow& row : rows_) {
    if ((row.state == RowState::kSucceeded || row.state == RowState::kFailed) && row.end_ms >= 0)
      done.push_back(&row);
  }
  std::stable_sort(done.begin(), done.end(), [](const StatusRow* a, const StatusRow* b) {
    return a->end_ms - a->start_ms > b->end_ms - b->start_ms;
  });
  if (done.size() > n) done.resize(n);
  return done;
}

}  // namespace wfgen
