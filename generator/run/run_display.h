// What `wfgen run` shows while ninja runs: on a terminal, the live table
// with ninja's lines scrolling away above it (repaint.h); elsewhere, one
// plain line per change of a step's state, and ninja's lines as they come.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "generator/run/run_status.h"
#include "generator/run/terminal.h"
#include "runtime/state/events.h"

namespace wfgen {

class RunDisplay {
 public:
  RunDisplay(RunStatus* status, const TerminalInfo& term) : status_(status), term_(term) {}

  void Start();
  void Resize();
  // A wrapper's event, applied to the status and shown.
  void Event(const StepEvent& e, int64_t now);
  // A line of ninja's output (a finished step's output, a replay, an error).
  void NinjaLine(const std::string& line, int64_t now);
  void Redraw(int64_t now);
  // The last table and the summary below it.
  void Finish(int64_t now);

 private:
  // `above` scrolls away above the table (repaint.h).
  void Draw(const std::vector<std::string>& above, int64_t now);

  RunStatus* status_;
  TerminalInfo term_;
  int drawn_ = 0;
};

}  // namespace wfgen
