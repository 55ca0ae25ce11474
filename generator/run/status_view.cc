#include "generator/run/status_view.h"

#include <algorithm>
#include <cstdio>

#include "runtime/base/utf8.h"

namespace wfgen {
namespace {

const char* kSpinner[] = {"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"};

const char* Symbol(RowState s, int64_t now_ms, const ViewStyle& st) {
  switch (s) {
    case RowState::kWaiting: return st.unicode ? "·" : ".";
    case RowState::kRunning: return st.unicode ? kSpinner[(now_ms / 100) % 10] : "*";
    case RowState::kSucceeded: return st.unicode ? "✓" : "+";
    case RowState::kSkipped:
    case RowState::kUpToDate: return "=";
    case RowState::kFailed: return st.unicode ? "✗" : "x";
    case RowState::kTerminated:
    case RowState::kInterrupted: return st.unicode ? "⊘" : "!";
    case RowState::kNotStarted: return "-";
  }
  return "?";
}

const char* Color(RowState s) {
  switch (s) {
    case RowState::kRunning: return "\x1b[36m";
    case RowState::kSucceeded: return "\x1b[32m";
    case RowState::kFailed: return "\x1b[31;1m";
    case RowState::kTerminated:
    case RowState::kInterrupted: return "\x1b[33m";
    default: return "\x1b[2m";
  }
}

std::string Paint(const std::string& text, const char* color, const ViewStyle& st) {
  if (!st.color || text.empty()) return text;
  return std::string(color) + text + "\x1b[0m";
}

// What the status column says, without the running elapsed time.
std::string StatusText(const StatusRow& row) {
  switch (row.state) {
    case RowState::kWaiting: return "waiting";
    case RowState::kRunning: return "";
    case RowState::kSucceeded:
      return FormatDuration(row.end_ms - row.start_ms) +
             (row.detail.empty()                             ? ""
              : row.detail.compare(0, 10, "on attempt") == 0 ? ", succeeded " + row.detail
                                                             : ", " + row.detail);
    case RowState::kSkipped: return "skipped, nothing changed";
    case RowState::kUpToDate: return "up to date";
    case RowState::kFailed:
      return "failed" + (row.detail.empty() ? "" : " (" + row.detail + ")") + " after " +
             FormatDuration(row.end_ms - row.start_ms);
    case RowState::kTerminated:
      return row.detail.empty() ? "terminated" : "terminated because '" + row.detail + "' failed";
    case RowState::kNotStarted: return "not started";
    case RowState::kInterrupted: return "interrupted";
  }
  return "";
}

// A running row whose processes got a stop signal.
std::string StoppingText(const StatusRow& r, int64_t now_ms) {
  std::string s = "stopping (" + r.stop_signal + " sent), ";
  if (now_ms < r.kill_at_ms) return s + "SIGKILL in " + FormatDuration(r.kill_at_ms - now_ms);
  return s + "SIGKILL sent";
}

bool Finished(RowState s) {
  return s == RowState::kSucceeded || s == RowState::kSkipped || s == RowState::kUpToDate;
}

std::string Pad(const std::string& s, int width) {
  int w = DisplayWidth(s);
  return w >= width ? s : s + std::string(static_cast<size_t>(width - w), ' ');
}

}  // namespace

std::string FormatDuration(int64_t ms) {
  if (ms < 0) ms = 0;
  char buf[32];
  if (ms < 60000) {
    snprintf(buf, sizeof buf, "%.1fs", static_cast<double>(ms) / 1000.0);
  } else if (ms < 3600000) {
    snprintf(buf, sizeof buf, "%lld:%02lld", static_cast<long long>(ms / 60000),
             static_cast<long long>(ms / 1000 % 60));
  } else {
    snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", static_cast<long long>(ms / 3600000),
             static_cast<long long>(ms / 60000 % 60), static_cast<long long>(ms / 1000 % 60));
  }
  return buf;
}

std::string SanitizeLine(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == 0x1b) {
      // CSI ... final byte, or ESC + one character.
      if (i + 1 < text.size() && text[i + 1] == '[') {
        i += 2;
        while (i < text.size() && (static_cast<unsigned char>(text[i]) < 0x40 ||
                                   static_cast<unsigned char>(text[i]) > 0x7e)) {
          ++i;
        }
      } else {
        ++i;
      }
      continue;
    }
    out += c < 0x20 || c == 0x7f ? ' ' : static_cast<char>(c);
  }
  // Invalid UTF-8 would garble the terminal.
  const auto* bytes = reinterpret_cast<const unsigned char*>(out.data());
  for (size_t i = 0; i < out.size();) {
    uint32_t cp;
    int len = DecodeUtf8(bytes + i, out.size() - i, &cp);
    if (len <= 0) {
      out[i] = '?';
      ++i;
    } else {
      i += static_cast<size_t>(len);
    }
  }
  return out;
}

std::string FitWidth(const std::string& text, int width, bool unicode) {
  if (width <= 0) return "";
  if (DisplayWidth(text) <= width) return text;
  const std::string ellipsis = unicode ? "…" : "...";
  int keep = width - DisplayWidth(ellipsis);
  // Colour begun in what is kept ends after the ellipsis.
  std::string out = keep > 0 ? text.substr(0, WidthPrefix(text, keep)) : "";
  return out + ellipsis + (out.find('\x1b') != std::string::npos ? "\x1b[0m" : "");
}

std::vector<std::string> RenderTable(const RunStatus& status, int width, int max_lines,
                                     int64_t now_ms, const ViewStyle& style) {
  const std::vector<StatusRow>& rows = status.rows();
  StatusCounts c = status.Counts();
  std::vector<std::string> lines;
  std::string header = "wfgen run " + status.target() + ": ";
  int stopping = 0;
  for (const StatusRow& r : rows) stopping += r.state == RowState::kRunning && r.kill_at_ms >= 0;
  if (stopping) header += std::to_string(stopping) + " stopping, ";
  if (c.running > stopping) header += std::to_string(c.running - stopping) + " running, ";
  header += std::to_string(c.done()) + " of " + std::to_string(rows.size()) + " done, " +
            FormatDuration(now_ms - status.started_ms());
  lines.push_back(FitWidth(Paint(header, "\x1b[1m", style), width, style.unicode));

  int name_width = 0;
  for (const StatusRow& r : rows) {
    name_width = std::max(name_width, DisplayWidth(r.command) + (r.group >= 0 ? 2 : 0));
  }
  name_width = std::min(name_width, std::max(12, width / 3));

  // Lines for every row, with a group line before each group's first member.
  struct Line {
    std::string text;
    bool finished;
  };
  std::vector<Line> body;
  int last_group = -1;
  for (const StatusRow& r : rows) {
    if (r.group >= 0 && r.group != last_group) {
      std::string g = std::string("  ") + (style.unicode ? "┌" : "+") + " parallel group " +
                      std::to_string(r.group);
      body.push_back({Paint(g, "\x1b[2m", style), true});
    }
    last_group = r.group;
    std::string indent = r.group >= 0 ? (style.unicode ? "│ " : "| ") : "";
    std::string name = Pad(r.command, name_width - (r.group >= 0 ? 2 : 0));
    std::string text =
        "  " + Paint(indent, "\x1b[2m", style) +
        Paint(Symbol(r.state, now_ms, style), Color(r.state), style) + " " +
        (r.state == RowState::kFailed && style.color ? Paint(name, "\x1b[1m", style) : name) + "  ";
    if (r.state == RowState::kRunning && r.kill_at_ms >= 0) {
      text += Pad(FormatDuration(now_ms - r.start_ms), 6) + "  " +
              Paint(StoppingText(r, now_ms), "\x1b[33m", style);
    } else if (r.state == RowState::kRunning) {
      text += Pad(FormatDuration(now_ms - r.start_ms), 6);
      if (!r.last_line.empty()) text += "  " + Paint(SanitizeLine(r.last_line), "\x1b[2m", style);
    } else {
      text += Paint(StatusText(r), Color(r.state), style);
    }
    body.push_back({FitWidth(text, width, style.unicode), Finished(r.state)});
  }
  // Too tall for the terminal: fold finished lines at the top, then cut.
  size_t room = max_lines > 1 ? static_cast<size_t>(max_lines - 1) : 1;
  if (body.size() > room) {
    size_t fold = 0;
    while (fold < body.size() && body[fold].finished && body.size() - fold + 1 > room) ++fold;
    std::vector<Line> kept;
    if (fold > 0) {
      kept.push_back(
          {Paint("  ... " + std::to_string(fold) + " lines done", "\x1b[2m", style), true});
    }
    kept.insert(kept.end(), body.begin() + static_cast<long>(fold), body.end());
    if (kept.size() > room) {
      size_t cut = kept.size() - room + 1;
      kept.resize(room - 1);
      kept.push_back({Paint("  ... " + std::to_string(cut) + " more", "\x1b[2m", style), false});
    }
    body = std::move(kept);
  }
  for (Line& l : body) lines.push_back(std::move(l.text));
  return lines;
}

std::string PlainLine(const StatusRow& row, const ViewStyle& style) {
  std::string word = StateWord(row.state);
  std::string line;
  switch (row.state) {
    case RowState::kRunning:
      // An asset has no log: its errors are in ninja's output.
      line = !row.retry.empty() ? "retrying   " + row.label + "  (" + row.retry + ")"
             : row.log.empty()  ? "start      " + row.label
                                : "start      " + row.label + "  (log: " + row.log + ")";
      break;
    case RowState::kSucceeded:
      line = "succeeded  " + row.label + "  " + FormatDuration(row.end_ms - row.start_ms) +
             (row.detail.empty() ? "" : "  " + row.detail);
      break;
    case RowState::kSkipped: line = "skipped    " + row.label + "  (nothing changed)"; break;
    case RowState::kFailed:
      line = "failed     " + row.label + (row.detail.empty() ? "" : "  " + row.detail) +
             (row.log.empty() ? "" : "  (log: " + row.log + ")");
      break;
    case RowState::kTerminated:
      line = "terminated " + row.label +
             (row.detail.empty() ? "" : "  because '" + row.detail + "' failed");
      break;
    case RowState::kInterrupted: line = "interrupted " + row.label; break;
    default: return "";
  }
  return Paint("[wfgen] ", "\x1b[2m", style) + line;
}

std::string PlainStopLine(const StatusRow& row, const ViewStyle& style) {
  return Paint("[wfgen] ", "\x1b[2m", style) + "stopping   " + row.label + "  (" + row.stop_signal +
         " sent; SIGKILL after " + FormatDuration(row.stop_grace_ms) + " unless it exits)";
}

std::vector<std::string> RenderSummary(const RunStatus& status, int64_t now_ms,
                                       const ViewStyle& style) {
  StatusCounts c = status.Counts();
  std::vector<std::pair<int, std::string>> parts = {
      {c.succeeded, "succeeded"},     {c.skipped, "skipped"},       {c.up_to_date, "up to date"},
      {c.failed, "failed"},           {c.terminated, "terminated"}, {c.not_started, "not started"},
      {c.interrupted, "interrupted"}, {c.running, "running"},       {c.waiting, "waiting"}};
  std::string counts;
  for (auto& [n, word] : parts) {
    if (n) counts += (counts.empty() ? "" : ", ") + std::to_string(n) + " " + word;
  }
  if (counts.empty()) counts = "nothing to run";
  if (c.flaky) counts += " (" + std::to_string(c.flaky) + " flaky: needed retries)";
  std::vector<std::string> out;
  bool bad = c.failed || c.terminated || c.interrupted;
  out.push_back(Paint("wfgen: " + status.target() + ": " + counts + " in " +
                          FormatDuration(now_ms - status.started_ms()),
                      bad ? "\x1b[31;1m" : "\x1b[1m", style));
  std::vector<const StatusRow*> slow = status.Slowest(3);
  if (!slow.empty()) {
    std::string s = "  slowest: ";
    for (size_t i = 0; i < slow.size(); ++i) {
      s += (i ? ", " : "") + slow[i]->label + " " +
           FormatDuration(slow[i]->end_ms - slow[i]->start_ms);
    }
    out.push_back(s);
  }
  for (const StatusRow& r : status.rows()) {
    if (r.state == RowState::kSucceeded && r.attempt > 1) {
      out.push_back("  flaky: " + r.label + " (succeeded " + r.detail + "), log: " + r.log);
    }
  }
  // The cause first, then what it stopped.
  for (const StatusRow& r : status.rows()) {
    if (r.state == RowState::kFailed) {
      out.push_back("  failed: " + r.label + (r.detail.empty() ? "" : " (" + r.detail + ")") +
                    ", log: " + r.log);
    }
  }
  for (const StatusRow& r : status.rows()) {
    if (r.state == RowState::kTerminated || r.state == RowState::kInterrupted) {
      out.push_back("  " + StateWord(r.state) + ": " + r.label +
                    (r.state == RowState::kTerminated && !r.detail.empty()
                         ? " (because '" + r.detail + "' failed)"
                         : "") +
                    ", log: " + r.log);
    }
  }
  return out;
}

}  // namespace wfgen
