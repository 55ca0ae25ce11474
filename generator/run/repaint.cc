#include "generator/run/repaint.h"

namespace wfgen {
namespace {

std::string Up(int n) { return n > 0 ? "\x1b[" + std::to_string(n) + "A" : ""; }

// Blanks `n` lines from the cursor's line down and returns to the first
// (cursor-down never scrolls, so this stays within the old table).
std::string BlankLines(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += i == 0 ? "\x1b[2K" : "\x1b[B\x1b[2K";
  return s + Up(n - 1);
}

}  // namespace

std::string Repaint(int drawn, const std::vector<std::string>& above,
                    const std::vector<std::string>& table) {
  std::string s = "\r" + Up(drawn);
  if (!above.empty()) {
    // A wrapped output line would leave the rest of an old table line
    // beside it: blank the old table first.
    s += BlankLines(drawn);
    for (const std::string& l : above) s += l + "\n";
    drawn = 0;
  }
  // Table lines never reach the last column, so EL after the text cannot
  // hit a pending wrap.
  for (const std::string& l : table) s += l + "\x1b[K\n";
  int left = drawn - static_cast<int>(table.size());
  if (left > 0) s += BlankLines(left);
  return s;
}

}  // namespace wfgen
