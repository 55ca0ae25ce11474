// End-to-end: hostile project files through the real `wfgen`, with its
// peak memory measured (wait4). Each gets exit status 2, a diagnostic at a
// line and column (or the file as a whole, for its size) and leaves
// build.ninja as it was; none takes more than a bounded amount of memory.
// The time each takes is printed (docs/reliability.md has the figures);
// a hang would hit the 120 s limit of the run.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>

#include <gtest/gtest.h>

#include "tests/test_space.h"

namespace wfgen {
namespace test {
namespace {

// Bounded: the worst case (1.5 million values, the most the tree takes)
// costs about 310 MiB, less than the largest project wfgen accepts
// (100,000 commands: about 410 MiB); several times that under ASan, whose
// red zones and quarantine hold freed memory.
#if defined(__SANITIZE_ADDRESS__)
constexpr long kMaxPeakKiB = 2048 * 1024;
#else
constexpr long kMaxPeakKiB = 512 * 1024;
#endif

struct Measured {
  int exit = -1;
  std::string output;
  long peak_kib = 0;
  double seconds = 0;
};

Measured RunWfgen(const TestSpace& s, const std::vector<std::string>& args) {
  Measured m;
  int fds[2];
  if (pipe(fds) != 0) return m;
  auto start = std::chrono::steady_clock::now();
  const std::string bin = WfgenBin();
  pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], 1);
    dup2(fds[1], 2);
    close(fds[0]);
    if (chdir(s.dir().c_str()) != 0) _exit(127);
    std::vector<char*> argv = {const_cast<char*>(bin.c_str())};
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(fds[1]);
  char buf[4096];
  ssize_t n;
  while ((n = read(fds[0], buf, sizeof buf)) > 0) {
    if (m.output.size() < (1 << 20)) m.output.append(buf, static_cast<size_t>(n));
  }
  close(fds[0]);
  int status = 0;
  struct rusage usage;
  wait4(pid, &status, 0, &usage);
  m.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  m.exit = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  m.peak_kib = usage.ru_maxrss;
  return m;
}

// Writes `size` bytes: `head`, then `unit` repeated, then `tail`.
void WriteLarge(const TestSpace& s, const std::string& head, const std::string& unit,
                const std::string& tail, size_t size) {
  std::ofstream f(s.Path("project.yml"), std::ios::binary | std::ios::trunc);
  f << head;
  std::string block;
  while (block.size() < (1 << 20)) block += unit;
  size_t written = head.size();
  while (written + tail.size() < size) {
    size_t n = std::min(block.size(), size - tail.size() - written);
    n -= n % unit.size();
    if (n == 0) break;
    f.write(block.data(), static_cast<std::streamsize>(n));
    written += n;
  }
  f << tail;
}

class HostileYamlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    s.Write("project.yml", "commands:\n  - {name: ok, script: [x]}\nworkflows:\n  all: [ok]\n");
    ASSERT_EQ(s.Wfgen().exit, 0);
    before_ = s.Read("build.ninja");
  }
  // Runs wfgen on what is in project.yml now; checks the refusal.
  Measured Refused(const std::string& what, const std::string& message) {
    Measured m = RunWfgen(s, {});
    printf("%-44s exit %d, %6.2f s, peak %6ld KiB\n", what.c_str(), m.exit, m.seconds, m.peak_kib);
    EXPECT_EQ(m.exit, 2) << m.output.substr(0, 2000);
    EXPECT_EQ(m.output.compare(0, 12, "project.yml:"), 0) << m.output.substr(0, 2000);
    EXPECT_NE(m.output.find(message), std::string::npos) << m.output.substr(0, 2000);
    EXPECT_NE(m.output.find("nothing was written"), std::string::npos);
    EXPECT_TRUE(s.Read("build.ninja") == before_) << what << " changed build.ninja";
    EXPECT_LT(m.peak_kib, kMaxPeakKiB) << what;
    return m;
  }
  TestSpace s;
  std::string before_;
};

TEST_F(HostileYamlTest, FiftyMegabyteFiles) {
  const size_t k50 = 50u << 20;
  WriteLarge(s, "commands:\n", "  - {name: c, script: [x]}\n", "", k50);
  Refused("50 MB of commands", "project.yml: error: the file is larger than 16 MiB");
  WriteLarge(s, "title: \"", "x", "\"\ncommands: []\n", k50);
  Refused("a 50 MB string", "the file is larger than 16 MiB");
  // Just under the size limit, the worst shapes for yaml-cpp and the tree.
  const size_t k15 = 15u << 20;
  WriteLarge(s, "commands: ", "[", "", k15);
  Refused("15 MB of '['", "nesting deeper than 100 levels");
  WriteLarge(s, "commands: ", "[a,", "", k15);
  Refused("15 MB of '[a,'", "nesting deeper than 100 levels");
  WriteLarge(s, "x: [", "\"v\", ", "]\ncommands: []\n", k15);
  Refused("15 MB flow list", "more than 1500000 values in the file");
  WriteLarge(s, "vars:\n", "  - v\n", "commands: []\n", k15);
  Refused("15 MB block list", "more than 1500000 values in the file");
  // Accepted: big, but within every limit.
  WriteLarge(s, "title: \"", "y", "\"\ncommands:\n  - {name: a, script: [x]}\n", k15);
  Measured m = RunWfgen(s, {});
  printf("%-44s exit %d, %6.2f s, peak %6ld KiB\n", "a 15 MB title (accepted)", m.exit, m.seconds,
         m.peak_kib);
  EXPECT_EQ(m.exit, 0) << m.output.substr(0, 2000);
  EXPECT_LT(m.peak_kib, kMaxPeakKiB);
}

TEST_F(HostileYamlTest, BombsDepthAndBytes) {
  std::string bomb = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i < 10; ++i) {
    bomb += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 9; ++k) bomb += (k ? ", *a" : "*a") + std::to_string(i - 1);
    bomb += "]\n";
  }
  s.Write("project.yml", bomb + "commands: *a9\n");
  Refused("billion laughs (aliases)", "through aliases (an \"alias bomb\"?)");
  std::string text = "vars:\n  big: &b " + std::string(1 << 20, 'x') + "\n  list: [";
  for (int i = 0; i < 100; ++i) text += "*b, ";
  s.Write("project.yml", text + "]\ncommands: []\n");
  Refused("100 aliases of a 1 MB string", "MiB of text through aliases");
  std::string laughs = "vars:\n  v0: lollollollollollollollollollollol\n";
  for (int i = 1; i < 40; ++i) {
    laughs += "  v" + std::to_string(i) + ": ${vars.v" + std::to_string(i - 1) + "}${vars.v" +
              std::to_string(i - 1) + "}\n";
  }
  s.Write("project.yml", laughs + "commands:\n  - {name: a, script: [\"echo ${vars.v39}\"]}\n");
  Refused("billion laughs (vars)", "interpolating vars produces more than 64 MiB");
  std::string deep = "x:\n";
  for (int i = 1; i < 200; ++i) deep += std::string(static_cast<size_t>(i), ' ') + "- \n";
  s.Write("project.yml", deep + "commands: []\n");
  Refused("200 levels of block nesting", "nesting deeper than 100 levels");
  std::string chain =
      "commands:\n  - {name: a, script: [x], deps: [f], outputs: [f]}\n"
      "workflows:\n  all:\n";
  for (int i = 0; i < 20000; ++i) chain += "    - a\n";
  s.Write("project.yml", chain);
  Refused("20000 steps rewriting one file", "would make a Ninja file of more than 32 MiB");
}

TEST_F(HostileYamlTest, BadBytesDuplicatesTabsAndDocuments) {
  s.Write("project.yml", "commands:\n  - name: caf\xe9\n    script: [x]\n");
  Refused("Latin-1 byte", "project.yml:2:14: error: invalid UTF-8 (byte 0xe9)");
  s.Write("project.yml", std::string("commands:\n  - name: a\0b\n", 24));
  Refused("NUL byte", "project.yml:2:12: error: NUL byte in the file");
  s.Write("project.yml", "commands:\n  - {name: a, script: [x]}\ncommands: []\n");
  Refused("duplicate key", "project.yml:3:1: error: duplicate key 'commands'");
  s.Write("project.yml", "commands:\n\t- name: a\n\t  script: [x]\n");
  Measured m = Refused("tab indentation", "project.yml:2:2: error: YAML syntax");
  EXPECT_NE(m.output.find("YAML does not allow tabs for indentation; use spaces"),
            std::string::npos);
  s.Write("project.yml", "commands: []\n---\ncommands: []\n");
  Refused("two documents", "project.yml:2:1: error: a second YAML document");
  s.Write("project.yml",
          "\xef\xbb\xbf"
          "commands:\n  - {name: a, script: [x], deps: [\"a\\nb\"]}\n");
  Refused("newline in a path (after a BOM)",
          "contains a newline, which a Ninja file cannot express");
}

TEST_F(HostileYamlTest, AHostileWeaselLockIsNotImportedAndCostsLittle) {
  // project.lock comes with a project; wfgen reads it to import weasel's
  // records. It used to go straight to yaml-cpp: 15 MB of '[' took 1.8 GiB.
  s.Write("project.yml", "commands:\n  - {name: a, script: [x]}\n");
  WriteLarge(s, "a: ", "[", "", 15u << 20);
  rename(s.Path("project.yml").c_str(), s.Path("project.lock").c_str());
  s.Write("project.yml", "commands:\n  - {name: a, script: [x]}\n");
  Measured m = RunWfgen(s, {});
  printf("%-44s exit %d, %6.2f s, peak %6ld KiB\n", "project.lock: 15 MB of '['", m.exit, m.seconds,
         m.peak_kib);
  EXPECT_EQ(m.exit, 0) << m.output;
  EXPECT_NE(m.output.find("wfgen: warning: could not read weasel's project.lock: "),
            std::string::npos)
      << m.output;
  EXPECT_NE(m.output.find("project.lock:1:"), std::string::npos) << m.output;
  EXPECT_NE(m.output.find("nesting deeper than 100 levels"), std::string::npos) << m.output;
  EXPECT_LT(m.peak_kib, kMaxPeakKiB);
}

TEST_F(HostileYamlTest, AProjectFileThatNeverEnds) {
  Measured m = RunWfgen(s, {"/dev/zero"});
  printf("%-44s exit %d, %6.2f s, peak %6ld KiB\n", "/dev/zero", m.exit, m.seconds, m.peak_kib);
  EXPECT_EQ(m.exit, 2) << m.output.substr(0, 500);
  EXPECT_NE(m.output.find("/dev/zero: error: the file is larger than 16 MiB"), std::string::npos)
      << m.output.substr(0, 500);
  EXPECT_LT(m.peak_kib, kMaxPeakKiB);
}

}  // namespace
}  // namespace test
}  // namespace wfgen
