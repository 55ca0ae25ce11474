// End-to-end: what steps print. A step that writes 2 GiB runs in constant
// memory in the wrapper (and in Ninja, which gets only the first MiB); the
// log keeps every byte; binary data and invalid UTF-8 reach the console
// only as printable text, in a pipe and in a real terminal.
#include <signal.h>
#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "runtime/base/utf8.h"
#include "tests/test_space.h"

namespace wfgen {
namespace test {
namespace {

// Peak resident memory (VmHWM) of `pid` in KiB, or -1 if it is gone.
long PeakKiB(int pid) {
  std::ifstream f("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(f, line)) {
    if (line.compare(0, 6, "VmHWM:") == 0) return atol(line.c_str() + 6);
  }
  return -1;
}

long long FileSize(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 ? static_cast<long long>(st.st_size) : -1;
}

TEST(OutputTest, TwoGigabytesOfOutputInConstantMemory) {
  const long long kBytes = 2LL << 30;
  TestSpace s;
  s.Write("project.yml", "commands:\n  - name: big\n    script: [\"steptool big --bytes " +
                             std::to_string(kBytes) + "\"]\nworkflows:\n  all: [big]\n");
  ASSERT_EQ(s.Wfgen().exit, 0);
  // Output to a file: `big` runs alone, in the console pool, and writes to
  // ninja's stdout itself; a pipe nobody reads while sampling would stop it.
  TestSpace::Background ninja =
      s.Start({"/bin/sh", "-c", "exec \"$0\" all > out.log 2>&1", NinjaBin()});
  long wrapper_peak = 0, ninja_peak = 0, step_peak = 0;
  // Sample while it runs: the wrapper's own peak is read before it exits.
  for (;;) {
    bool wrapper_seen = false;
    for (const ProcessInfo& p : ListProcesses(s.dir())) {
      long kib = PeakKiB(p.pid);
      if (p.name == "wfgen-run") {
        wrapper_seen = true;
        wrapper_peak = std::max(wrapper_peak, kib);
      } else if (p.name == "ninja") {
        ninja_peak = std::max(ninja_peak, kib);
      } else if (p.name == "steptool") {
        step_peak = std::max(step_peak, kib);
      }
    }
    if (!wrapper_seen && wrapper_peak > 0) break;
    if (PeakKiB(ninja.pid) < 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  RunResult r = TestSpace::Wait(&ninja);
  r.output = s.Read("out.log");
  s.Remove("out.log");
  ASSERT_EQ(r.exit, 0) << r.output.substr(0, 2000);
  printf("2 GiB of output: wrapper peak RSS %ld KiB, ninja %ld KiB, step %ld KiB\n", wrapper_peak,
         ninja_peak, step_peak);
  // Constant: a few MiB (more under ASan), against 2 GiB of output.
  EXPECT_GT(wrapper_peak, 0);
  EXPECT_LT(wrapper_peak, 64 * 1024);
  EXPECT_LT(ninja_peak, 64 * 1024);
  // The log has every byte (and wfgen's two lines); the console the first MiB.
  long long log = FileSize(s.Path(".wfgen/logs/big.log"));
  EXPECT_GT(log, kBytes);
  EXPECT_LT(log, kBytes + 4096);
  EXPECT_LT(r.output.size(), 2u << 20);
  EXPECT_NE(r.output.find("wfgen: console output of 'big' was cut at 1 MiB; the whole output is "
                          "in .wfgen/logs/big.log"),
            std::string::npos);
  s.Remove(".wfgen/logs/big.log");
}

std::string Pattern(size_t n) {
  std::string all;
  for (size_t i = 0; i < n; ++i) all += static_cast<char>((i * 7 + i / 256) & 0xff);
  return all;
}

// True if `text` is valid UTF-8 without control characters other than
// tab, newline and carriage return, and without escape sequences except
// colour.
bool Printable(const std::string& text, std::string* why) {
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == 0x1b) {
      size_t k = i + 1;
      if (k < text.size() && text[k] == '[') {
        ++k;
        while (k < text.size() && (isdigit(static_cast<unsigned char>(text[k])) || text[k] == ';'))
          ++k;
        if (k < text.size() && text[k] == 'm') {
          i = k;
          continue;
        }
      }
      *why = "an escape sequence at " + std::to_string(i);
      return false;
    }
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
      *why = "control byte " + std::to_string(c) + " at " + std::to_string(i);
      return false;
    }
    if (c >= 0x80) {
      uint32_t cp;
      int len =
          DecodeUtf8(reinterpret_cast<const unsigned char*>(text.data()) + i, text.size() - i, &cp);
      if (len <= 0) {
        *why = "invalid UTF-8 at " + std::to_string(i);
        return false;
      }
      i += static_cast<size_t>(len - 1);
    }
  }
  return true;
}

// `bin` writes every byte value (invalid UTF-8, NULs, escapes); `esc`
// switches the terminal to line-drawing characters and the alternate
// screen, and its script line itself holds those escapes.
std::string BinaryProject(int bytes) {
  return R"(max_parallel_processes: 2
commands:
  - name: bin
    script: ["steptool bin --bytes )" +
         std::to_string(bytes) + R"("]
  - name: esc
    script: ["steptool esc --print \e(0\e[?1049h"]
  - name: member
    script: ["steptool member --bytes 70000", "steptool member --fail"]
  - name: after
    script: ["steptool after --print AFTER-LINE"]
workflows:
  all: [bin, esc, after]
  group: [{parallel: [member, after]}]
)";
}

TEST(OutputTest, BinaryOutputKeepsTheLogExactAndTheConsolePrintable) {
  TestSpace s;
  s.Write("project.yml", BinaryProject(300000));
  ASSERT_EQ(s.Wfgen().exit, 0) << s.Wfgen().output;
  RunResult r = s.Ninja({"all"});
  ASSERT_EQ(r.exit, 0);
  std::string why;
  EXPECT_TRUE(Printable(r.output, &why)) << why;
  EXPECT_NE(r.output.find("AFTER-LINE"), std::string::npos);
  // The log holds exactly what the step wrote, after wfgen's two lines.
  std::string log = s.Read(".wfgen/logs/bin.log");
  size_t at = log.find("[step] bin\n");
  ASSERT_NE(at, std::string::npos);
  EXPECT_EQ(log.substr(at + 11), Pattern(300000));
  // A failing group member's log is printed on the console: printable too.
  r = s.Ninja({"group"});
  EXPECT_NE(r.exit, 0);
  EXPECT_NE(r.output.find("---- log of 'member'"), std::string::npos) << r.output.substr(0, 500);
  EXPECT_TRUE(Printable(r.output, &why)) << why;
}

TEST(OutputTest, BinaryOutputLeavesARealTerminalUsable) {
  if (system("command -v tmux >/dev/null 2>&1") != 0) GTEST_SKIP() << "tmux is not installed";
  TestSpace s;
  // Only `esc` and `after`: the bytes of `bin` could happen to undo what
  // `esc` does (in its script line and its output).
  s.Write("project.yml", BinaryProject(10));
  ASSERT_EQ(s.Wfgen().exit, 0);
  std::string session = "wfgen-output-" + std::to_string(getpid());
  std::string sock = s.Path("tmux.sock");
  auto tmux = [&](const std::string& args) {
    return system(("tmux -S '" + sock + "' " + args + " >/dev/null 2>&1").c_str());
  };
  ASSERT_EQ(tmux("new-session -d -s " + session + " -x 100 -y 30 'sh'"), 0);
  // A command that shows the terminal's state after ninja: charset,
  // colours and cursor must be as before.
  std::string cmd = "cd '" + s.dir() + "' && PATH='" +
                    SteptoolBin().substr(0, SteptoolBin().rfind('/')) + ":'$PATH " + NinjaBin() +
                    " esc after; echo; echo DONE-abc-\\$((6*7))xyz";
  ASSERT_EQ(tmux("send-keys -t " + session + " \"" + cmd + "\" Enter"), 0);
  std::string screen;
  bool done = WaitFor(
      [&] {
        // -e: with attributes, so a switched character set shows (as SO); -S -:
        // with the lines scrolled off; -J: wrapped lines joined.
        FILE* p =
            popen(("tmux -S '" + sock + "' capture-pane -e -J -p -S - -t " + session).c_str(), "r");
        if (!p) return false;
        char buf[4096];
        screen.clear();
        size_t n;
        while ((n = fread(buf, 1, sizeof buf, p)) > 0) screen.append(buf, n);
        pclose(p);
        return screen.find("DONE-abc-42xyz") != std::string::npos;  // printed, not typed
      },
      60);
  tmux("kill-server");
  ASSERT_TRUE(done) << screen;
  // Had the output switched the character set (ESC ( 0, SO), the marker
  // would be drawn in line-drawing glyphs (tmux shows that as SO before
  // it); had it switched to the alternate screen, the command line typed
  // before would be gone.
  EXPECT_NE(screen.find("\nDONE-abc-42xyz\n"), std::string::npos) << screen;
  EXPECT_NE(screen.find("; echo DONE-abc-$((6*7))xyz"), std::string::npos) << screen;
  EXPECT_NE(screen.find("AFTER-LINE"), std::string::npos) << screen;
}

}  // namespace
}  // namespace test
}  // namespace wfgen
