// End-to-end test support: a temporary project directory and a way to run
// the real binaries (wfgen, wfgen-run, ninja) in it, as ninja's
// misc/output_test.py and n2's TestSpace do. Set WFGEN_KEEP_TEST_DIRS=1 to
// keep the directories for debugging.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace wfgen {
namespace test {

struct RunResult {
  int exit = -1;
  std::string output;  // stdout and stderr, interleaved
};

class TestSpace {
 public:
  TestSpace();
  ~TestSpace();

  const std::string& dir() const { return dir_; }
  std::string Path(const std::string& rel) const { return dir_ + "/" + rel; }

  void Write(const std::string& rel, const std::string& content);
  std::string Read(const std::string& rel) const;
  bool Exists(const std::string& rel) const;
  void Remove(const std::string& rel);
  // Sets the mtime to now without changing the bytes.
  void Touch(const std::string& rel);
  // Replaces the first `from` in the file with `to` (a test failure if
  // there is none), after Settle(), so the file gets a newer mtime.
  void Replace(const std::string& rel, const std::string& from, const std::string& to);
  // Waits until the file system's clock has moved on, so that the next
  // write gets a newer mtime than anything written before.
  static void Settle();

  // Runs argv in the project directory with PATH extended by the test tool
  // directory and `env` ("NAME=value") added. Times out after 120 s.
  RunResult Run(const std::vector<std::string>& argv, const std::vector<std::string>& env = {},
                const std::string& cwd = "") const;
  RunResult Wfgen(const std::vector<std::string>& args = {},
                  const std::vector<std::string>& env = {}) const;
  RunResult Ninja(const std::vector<std::string>& args = {},
                  const std::vector<std::string>& env = {}) const;

  // Starts argv in the background (same environment rules as Run), in a
  // process group of its own: kill(-bg.pid, SIGINT) is a terminal's Ctrl-C,
  // which reaches the steps of Ninja's console pool too (Ninja leaves them
  // to the terminal).
  struct Background {
    int pid = -1;
    int output_fd = -1;
  };
  Background Start(const std::vector<std::string>& argv,
                   const std::vector<std::string>& env = {}) const;
  // Waits for a background process and collects its output.
  static RunResult Wait(Background* bg);

  // Names appended to runs.log by steptool since the previous call.
  std::vector<std::string> TakeRuns();

 private:
  std::string dir_;
  size_t runs_seen_ = 0;
};

// Paths of the binaries under test.
std::string WfgenBin();
std::string WfgenRunBin();
std::string NinjaBin();
std::string SteptoolBin();
// "a/b/c" -> "a/b".
std::string DirOf(const std::string& path);

// Number of live processes (zombies excluded) whose working directory is
// `dir` or below it, to check that nothing was left behind.
int CountProcesses(const std::string& dir);

struct ProcessInfo {
  int pid = 0;
  std::string name;  // /proc/PID/comm: "ninja", "wfgen-run", "wfgen-guard", ...
  char state = '?';  // from /proc/PID/stat: 'R' running, 'S' asleep, ...
};
// The live processes counted by CountProcesses.
std::vector<ProcessInfo> ListProcesses(const std::string& dir);
// True if process `pid` has the file `path` (absolute) open.
bool HasOpen(int pid, const std::string& path);

// How many times `what` occurs in `text`.
int CountOf(const std::string& text, const std::string& what);

// The most steps running at once by steptool's --stamp lines ("NAME
// start|end ..."), counting only names that begin with `prefix`. Counted
// in the order the lines were appended: a step's end line is written
// before its slot is freed, so a refill is never overlap, and no two lines
// tie as their milliseconds can.
int MaxConcurrency(const std::string& stamps, const std::string& prefix = "");

// Seed 000's project (examples/seed-demo) with every sleep divided by 10:
// each script line is `steptool NAME --sleep S --stamp times.log`, and
// `fail` fails.
std::string ScaledSeedDemo();

// Reads a background process's output into *out until it contains
// `needle` or `seconds` pass; true if it did. The process goes on.
bool ReadUntil(TestSpace::Background* bg, const std::string& needle, std::string* out,
               double seconds);
// The visible screen of the tmux session "t" on `socket` (capture-pane).
std::string CapturePane(const TestSpace& s, const std::string& socket);
// Captures that screen into *pane until it contains `needle` (30 s at most).
bool WaitForPane(const TestSpace& s, const std::string& socket, const std::string& needle,
                 std::string* pane);
// Polls until `predicate` holds or `seconds` pass; returns the predicate.
bool WaitFor(const std::function<bool()>& predicate, double seconds);

}  // namespace test
}  // namespace wfgen
