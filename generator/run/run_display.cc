#include "generator/run/run_display.h"

#include <unistd.h>

#include "generator/run/repaint.h"
#include "generator/run/status_view.h"
#include "runtime/base/clock.h"
#include "runtime/base/fd.h"

namespace wfgen {
namespace {

void Out(const std::string& s) { WriteFd(STDOUT_FILENO, s); }

}  // namespace

void RunDisplay::Start() {
  if (term_.is_tty) Out("\x1b[?25l");  // no cursor flicker while redrawing
  Redraw(MonotonicMs());
}

void RunDisplay::Resize() { UpdateTerminalSize(&term_); }

void RunDisplay::Event(const StepEvent& e, int64_t now) {
  int i = status_->Find(e.stamp);
  if (i < 0) return;
  RowState before = status_->rows()[static_cast<size_t>(i)].state;
  status_->Apply(e, now);
  const StatusRow& row = status_->rows()[static_cast<size_t>(i)];
  if (!term_.is_tty && e.kind == EventKind::kStop) {
    Out(PlainStopLine(row, term_.style) + "\n");
  } else if (!term_.is_tty && (row.state != before || e.kind == EventKind::kRetry)) {
    std::string line = PlainLine(row, term_.style);
    if (!line.empty()) Out(line + "\n");
  }
}

void RunDisplay::NinjaLine(const std::string& line, int64_t now) {
  if (!term_.is_tty) {
    Out(line + "\n");
    return;
  }
  Draw({line}, now);
}

void RunDisplay::Redraw(int64_t now) {
  if (!term_.is_tty) return;
  // Not only on SIGWINCH: while a step that runs alone has the terminal
  // (its process group is the foreground one), SIGWINCH goes to it.
  UpdateTerminalSize(&term_);
  Draw({}, now);
}

void RunDisplay::Finish(int64_t now) {
  Redraw(now);
  if (term_.is_tty) Out("\x1b[?25h");
  for (const std::string& l : RenderSummary(*status_, now, term_.style)) Out(l + "\n");
}

void RunDisplay::Draw(const std::vector<std::string>& above, int64_t now) {
  std::vector<std::string> lines =
      RenderTable(*status_, term_.width - 1, term_.height - 2, now, term_.style);
  Out(Repaint(drawn_, above, lines));
  drawn_ = static_cast<int>(lines.size());
}

}  // namespace wfgen
