#include "tests/test_space.h"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

extern char** environ;

namespace wfgen {
namespace test {
namespace {

std::string Dirname(const std::string& p) {
  size_t s = p.rfind('/');
  return s == std::string::npos ? "." : p.substr(0, s);
}

void MakeParents(const std::string& path) {
  std::string dir = Dirname(path);
  for (size_t i = 1; i <= dir.size(); ++i) {
    if (i == dir.size() || dir[i] == '/') mkdir(dir.substr(0, i).c_str(), 0777);
  }
}

}  // namespace

std::string WfgenBin() { return WFGEN_BIN; }
std::string WfgenRunBin() { return WFGEN_RUN_BIN; }
std::string NinjaBin() { return NINJA_BIN; }
std::string SteptoolBin() { return STEPTOOL_BIN; }
std::string DirOf(const std::string& path) { return Dirname(path); }

TestSpace::TestSpace() {
  const char* tmp = getenv("TMPDIR");
  std::string templ = std::string(tmp && *tmp ? tmp : "/tmp") + "/wfgen-test-XXXXXX";
  std::vector<char> buf(templ.begin(), templ.end());
  buf.push_back('\0');
  if (!mkdtemp(buf.data())) abort();
  dir_ = buf.data();
}

TestSpace::~TestSpace() {
  const char* keep = getenv("WFGEN_KEEP_TEST_DIRS");
  bool failed = ::testing::Test::HasFailure();
  if ((keep && *keep == '1') || failed) {
    fprintf(stderr, "test directory kept: %s\n", dir_.c_str());
    return;
  }
  std::string cmd = "rm -rf '" + dir_ + "'";
  if (system(cmd.c_str()) != 0) fprintf(stderr, "could not remove %s\n", dir_.c_str());
}

void TestSpace::Write(const std::string& rel, const std::string& content) {
  std::string p = Path(rel);
  MakeParents(p);
  std::ofstream f(p, std::ios::binary | std::ios::trunc);
  f << content;
}

std::string TestSpace::Read(const std::string& rel) const {
  std::ifstream f(Path(rel), std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

bool TestSpace::Exists(const std::string& rel) const {
  struct stat st;
  return stat(Path(rel).c_str(), &st) == 0;
}

void TestSpace::Remove(const std::string& rel) {
  std::string cmd = "rm -rf '" + Path(rel) + "'";
  if (system(cmd.c_str()) != 0) ADD_FAILURE() << "rm failed";
}

void TestSpace::Touch(const std::string& rel) {
  Settle();
  if (utimensat(AT_FDCWD, Path(rel).c_str(), nullptr, 0) != 0) ADD_FAILURE() << "touch " << rel;
}

// File systems stamp mtimes with the kernel's coarse clock, which moves
// once per tick (1 to 10 ms): two writes within one tick get the same
// mtime, and Ninja would see no change. Waiting until that clock has moved
// on (rather than sleeping a guessed while) makes every later write newer
// than every earlier one, however loaded the machine is.
void TestSpace::Settle() {
  // Everything written before now has an mtime of at most `start`. A file
  // written after a probe's mtime has passed `start` gets a later mtime
  // still (the kernel keeps file times from going back), whatever the
  // clock's tick or the file system's granularity: with multigrain
  // timestamps a coarse tick alone does not order two writes.
  struct timespec start;
  clock_gettime(CLOCK_REALTIME, &start);
  char probe[] = "/tmp/wfgen-settle-XXXXXX";
  int fd = mkstemp(probe);
  if (fd < 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    return;
  }
  for (;;) {
    if (write(fd, "x", 1) != 1) break;
    struct stat st;
    if (fstat(fd, &st) != 0) break;
    if (st.st_mtim.tv_sec > start.tv_sec ||
        (st.st_mtim.tv_sec == start.tv_sec && st.st_mtim.tv_nsec > start.tv_nsec)) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  close(fd);
  unlink(probe);
}

TestSpace::Background TestSpace::Start(const std::vector<std::string>& argv,
                                       const std::vector<std::string>& env) const {
  Background bg;
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return bg;
  std::string tools = Dirname(SteptoolBin()) + ":" + Dirname(WfgenBin());
  pid_t pid = fork();
  if (pid == 0) {
    // Its own process group, like a job a shell starts: a test can then
    // send Ctrl-C the way a terminal does, to the whole group.
    setpgid(0, 0);
    dup2(fds[1], 1);
    dup2(fds[1], 2);
    int null_fd = open("/dev/null", O_RDONLY);
    dup2(null_fd, 0);
    if (chdir(dir_.c_str()) != 0) _exit(127);
    const char* path = getenv("PATH");
    setenv("PATH", (tools + ":" + (path ? path : "/usr/bin:/bin")).c_str(), 1);
    setenv("NO_COLOR", "1", 1);
    unsetenv("WFGEN_FORCE");
    for (const std::string& e : env) putenv(strdup(e.c_str()));
    std::vector<char*> cargv;
    for (auto& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
    cargv.push_back(nullptr);
    execvp(cargv[0], cargv.data());
    _exit(127);
  }
  close(fds[1]);
  bg.pid = pid;
  bg.output_fd = fds[0];
  return bg;
}

RunResult TestSpace::Wait(Background* bg) {
  RunResult r;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  char buf[4096];
  for (;;) {
    struct pollfd p = {bg->output_fd, POLLIN, 0};
    int left = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                    deadline - std::chrono::steady_clock::now())
                                    .count());
    if (left <= 0) {
      kill(bg->pid, SIGKILL);
      r.output += "\n[test: timed out]\n";
      break;
    }
    if (poll(&p, 1, left) <= 0) continue;
    ssize_t n = read(bg->output_fd, buf, sizeof buf);
    if (n <= 0) break;
    r.output.append(buf, static_cast<size_t>(n));
  }
  close(bg->output_fd);
  int status = 0;
  waitpid(bg->pid, &status, 0);
  r.exit = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

RunResult TestSpace::Run(const std::vector<std::string>& argv, const std::vector<std::string>& env,
                         const std::string& cwd) const {
  if (!cwd.empty()) {
    std::vector<std::string> wrapped = {"/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", cwd};
    wrapped.insert(wrapped.end(), argv.begin(), argv.end());
    Background bg = Start(wrapped, env);
    return Wait(&bg);
  }
  Background bg = Start(argv, env);
  return Wait(&bg);
}

RunResult TestSpace::Wfgen(const std::vector<std::string>& args,
                           const std::vector<std::string>& env) const {
  std::vector<std::string> argv = {WfgenBin()};
  argv.insert(argv.end(), args.begin(), args.end());
  return Run(argv, env);
}

RunResult TestSpace::Ninja(const std::vector<std::string>& args,
                           const std::vector<std::string>& env) const {
  std::vector<std::string> argv = {NinjaBin()};
  argv.insert(argv.end(), args.begin(), args.end());
  RunResult r = Run(argv, env);
  Settle();
  return r;
}

std::vector<std::string> TestSpace::TakeRuns() {
  std::vector<std::string> all;
  std::istringstream in(Read("runs.log"));
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) all.push_back(line);
  }
  std::vector<std::string> fresh(all.begin() + static_cast<long>(std::min(runs_seen_, all.size())),
                                 all.end());
  runs_seen_ = all.size();
  return fresh;
}

int CountProcesses(const std::string& dir) { return static_cast<int>(ListProcesses(dir).size()); }

std::vector<ProcessInfo> ListProcesses(const std::string& dir) {
  std::vector<ProcessInfo> found;
  DIR* proc = opendir("/proc");
  if (!proc) return found;
  while (dirent* e = readdir(proc)) {
    if (e->d_name[0] < '0' || e->d_name[0] > '9') continue;
    std::string base = std::string("/proc/") + e->d_name;
    std::ifstream stat_file(base + "/stat");
    std::string stat_line;
    std::getline(stat_file, stat_line);
    size_t paren = stat_line.rfind(')');
    char state =
        paren != std::string::npos && paren + 2 < stat_line.size() ? stat_line[paren + 2] : '?';
    if (state == 'Z') continue;
    char cwd[4096];
    ssize_t n = readlink((base + "/cwd").c_str(), cwd, sizeof cwd - 1);
    if (n <= 0) continue;
    std::string c(cwd, static_cast<size_t>(n));
    if (c == dir || c.compare(0, dir.size() + 1, dir + "/") == 0) {
      ProcessInfo info;
      info.pid = atoi(e->d_name);
      std::ifstream comm(base + "/comm");
      std::getline(comm, info.name);
      info.state = state;
      found.push_back(info);
    }
  }
  closedir(proc);
  return found;
}

bool HasOpen(int pid, const std::string& path) {
  std::string fds = "/proc/" + std::to_string(pid) + "/fd";
  DIR* dir = opendir(fds.c_str());
  if (!dir) return false;
  bool open = false;
  while (dirent* e = readdir(dir)) {
    char target[4096];
    ssize_t n = readlink((fds + "/" + e->d_name).c_str(), target, sizeof target - 1);
    if (n > 0 && std::string(target, static_cast<size_t>(n)) == path) open = true;
  }
  closedir(dir);
  return open;
}

void TestSpace::Replace(const std::string& rel, const std::string& from, const std::string& to) {
  std::string text = Read(rel);
  size_t at = text.find(from);
  ASSERT_NE(at, std::string::npos) << rel << " has no '" << from << "'";
  text.replace(at, from.size(), to);
  Settle();
  Write(rel, text);
}

int CountOf(const std::string& text, const std::string& what) {
  int n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

int MaxConcurrency(const std::string& stamps, const std::string& prefix) {
  std::istringstream in(stamps);
  std::string line, name, what;
  int now = 0, most = 0;
  while (std::getline(in, line)) {
    std::istringstream l(line);
    if (!(l >> name >> what) || name.compare(0, prefix.size(), prefix) != 0) continue;
    if (what == "start") most = std::max(most, ++now);
    if (what == "end") --now;
  }
  return most;
}

std::string ScaledSeedDemo() {
  auto cmd = [](const std::string& name, std::vector<std::pair<double, int>> lines,
                bool output = false) {
    std::string c = "  - name: " + name + "\n    script:\n";
    for (auto& [sleep, rc] : lines) {
      char buf[200];
      snprintf(buf, sizeof buf, "      - \"steptool %s --sleep %g --stamp times.log%s\"\n",
               name.c_str(), sleep, rc ? " --fail" : "");
      c += buf;
    }
    if (output) c += "    outputs: [someOutput]\n";
    return c;
  };
  return R"(workflows:
  all:
    - sleepC
    - parallel: [sleepC, sleepA, sleepB, sleepD, sleepE]
    - parallel: [sleepE, sleepA, fail, sleepC, sleepD]
    - sleepB
max_parallel_processes: 2
kill_grace: 1
commands:
)" + cmd("sleepA", {{.2, 0}, {.2, 0}, {.3, 0}, {.4, 0}}) +
         cmd("sleepB", {{.1, 0}, {.2, 0}}) + cmd("sleepC", {{.4, 0}}) +
         cmd("sleepD", {{.2, 0}}, true) +
         cmd("sleepE", {{.1, 0}, {.1, 0}, {.1, 0}, {.1, 0}, {.1, 0}}) + cmd("fail", {{.1, 1}});
}

std::string CapturePane(const TestSpace& s, const std::string& socket) {
  return s.Run({"tmux", "-S", socket, "capture-pane", "-p", "-t", "t"}).output;
}

bool WaitForPane(const TestSpace& s, const std::string& socket, const std::string& needle,
                 std::string* pane) {
  return WaitFor(
      [&] {
        *pane = CapturePane(s, socket);
        return pane->find(needle) != std::string::npos;
      },
      30);
}

bool ReadUntil(TestSpace::Background* bg, const std::string& needle, std::string* out,
               double seconds) {
  return WaitFor(
      [&] {
        char buf[4096];
        struct pollfd p = {bg->output_fd, POLLIN, 0};
        if (poll(&p, 1, 50) > 0) {
          ssize_t n = read(bg->output_fd, buf, sizeof buf);
          if (n > 0) out->append(buf, static_cast<size_t>(n));
        }
        return out->find(needle) != std::string::npos;
      },
      seconds);
}

bool WaitFor(const std::function<bool()>& predicate, double seconds) {
  auto deadline = std::chrono::steady_clock::now() +
                  std::chrono::milliseconds(static_cast<int>(seconds * 1000));
  while (!predicate()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

}  // namespace test
}  // namespace wfgen
