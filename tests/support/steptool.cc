// steptool: the command that test projects and benchmarks run, in the
// spirit of the fidelity harness's step.py but without Python's start-up.
//
//   steptool NAME [--in P]... [--out F]... [--outdir D]... [--salt S]
//            [--head N] [--sleep SECONDS] [--fail] [--fail-late] [--exit N]
//            [--print TEXT] [--print-env VAR]... [--stamp FILE] [--spawn-sleeper]
//            [--slow-write S] [--bytes N] [--mark FILE] [--wait-for FILE]... [--then TEXT]
//
// Appends NAME to runs.log, then writes every --out file and --outdir
// directory (files part-1.txt, part-2.txt) with content derived from the
// salt and the inputs' bytes (--head N: only their first N lines), so the
// same inputs always give the same bytes. --stamp FILE appends
// "NAME start|end <ms since epoch>" lines (for concurrency tests; a start
// line ends with " slot=N" when WFGEN_SLOT is set).
// --spawn-sleeper forks a grandchild that ignores SIGTERM and sleeps.
// --print-env VAR prints "VAR=value", or "VAR unset" (the Slurm tests look
// for SLURM_JOB_ID).
// --slow-write SECONDS writes each output in two halves with a pause in
// between, so that a kill can leave it half-written (the chaos test).
// --bytes N writes N bytes of binary, non-UTF-8 data to stdout (64 KiB
// blocks; output tests).
// --mark FILE creates FILE once the step is under way (after its first
// output and its sleeper), for another step or the test to wait for.
// --wait-for FILE waits (up to 60 s in all) until FILE exists, after the
// mark and before the sleep; given more than once, until every one does.
// --then TEXT is printed after the wait (live output tests: the test
// creates FILE once it has seen the first line). Tests order steps with
// these instead of sleeping and hoping one is still running.
#include <signal.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <dirent.h>
#include <errno.h>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

long long NowMs() {
  struct timeval tv;
  gettimeofday(&tv, nullptr);
  return static_cast<long long>(tv.tv_sec) * 1000 + tv.tv_usec / 1000;
}

void Append(const std::string& path, const std::string& line) {
  std::ofstream f(path, std::ios::app);
  f << line << "\n";
}

std::string ReadInput(const std::string& path, int head);

std::string ReadFileBytes(const std::string& path, int head) {
  std::ifstream f(path, std::ios::binary);
  if (!f) {
    fprintf(stderr, "steptool: cannot read %s\n", path.c_str());
    exit(3);
  }
  std::stringstream ss;
  ss << f.rdbuf();
  std::string data = ss.str();
  if (head >= 0) {
    size_t pos = 0;
    for (int i = 0; i < head && pos != std::string::npos; ++i) {
      pos = data.find('\n', pos);
      if (pos != std::string::npos) ++pos;
    }
    if (pos != std::string::npos) data = data.substr(0, pos);
  }
  return data;
}

std::string ReadInput(const std::string& path, int head) {
  struct stat st;
  if (stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
    std::vector<std::string> names;
    if (DIR* d = opendir(path.c_str())) {
      while (dirent* e = readdir(d)) {
        if (e->d_name[0] != '.') names.push_back(e->d_name);
      }
      closedir(d);
    }
    std::sort(names.begin(), names.end());
    std::string all;
    for (auto& n : names) all += "F " + n + "\n" + ReadInput(path + "/" + n, head);
    return all;
  }
  return ReadFileBytes(path, head);
}

// FNV-1a, enough to make outputs depend on inputs.
unsigned long long Fnv(const std::string& s) {
  unsigned long long h = 1469598103934665603ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: steptool NAME [options]\n");
    return 2;
  }
  std::string name = argv[1];
  std::vector<std::string> ins, outs, outdirs, envs;
  std::vector<std::string> wait_for;
  std::string salt = "s0", stamp, print, mark, then;
  int head = -1, code = 1;
  double sleep_s = 0, slow_write = 0;
  long long bytes = 0;
  bool fail = false, fail_late = false, sleeper = false;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    auto val = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--in") ins.push_back(val());
    else if (a == "--out") outs.push_back(val());
    else if (a == "--outdir") outdirs.push_back(val());
    else if (a == "--salt") salt = val();
    else if (a == "--head") head = atoi(val().c_str());
    else if (a == "--sleep") sleep_s = atof(val().c_str());
    else if (a == "--exit") code = atoi(val().c_str());
    else if (a == "--fail") fail = true;
    else if (a == "--fail-late") fail_late = true;
    else if (a == "--stamp") stamp = val();
    else if (a == "--print") print = val();
    else if (a == "--print-env") envs.push_back(val());
    else if (a == "--spawn-sleeper") sleeper = true;
    else if (a == "--slow-write") slow_write = atof(val().c_str());
    else if (a == "--bytes") bytes = atoll(val().c_str());
    else if (a == "--wait-for") wait_for.push_back(val());
    else if (a == "--mark") mark = val();
    else if (a == "--then") then = val();
  }
  Append("runs.log", name);
  const char* slot = getenv("WFGEN_SLOT");
  if (!stamp.empty()) {
    Append(stamp, name + " start " + std::to_string(NowMs()) +
                      (slot ? std::string(" slot=") + slot : std::string()));
  }
  printf("[step] %s\n", name.c_str());
  if (!print.empty()) printf("%s\n", print.c_str());
  for (auto& e : envs) {
    const char* v = getenv(e.c_str());
    if (v) printf("%s=%s\n", e.c_str(), v);
    else printf("%s unset\n", e.c_str());
  }
  fflush(stdout);
  if (sleeper) {
    // Goes on only once the sleeper ignores the signals and has stamped
    // its line, so that a --mark after it means the sleeper is in place.
    int ready[2];
    if (pipe(ready) != 0) return 5;
    pid_t pid = fork();
    if (pid == 0) {
      close(ready[0]);
      signal(SIGTERM, SIG_IGN);
      signal(SIGINT, SIG_IGN);
      if (!stamp.empty()) Append(stamp, name + " sleeper " + std::to_string(getpid()));
      close(ready[1]);
      for (;;) pause();
    }
    close(ready[1]);
    char c;
    while (read(ready[0], &c, 1) < 0 && errno == EINTR) {
    }
    close(ready[0]);
  }
  if (bytes > 0) {
    // Every byte value, invalid UTF-8 sequences, NULs and terminal escapes.
    static char block[65536];
    for (size_t i = 0; i < sizeof block; ++i)
      block[i] = static_cast<char>((i * 7 + i / 256) & 0xff);
    for (long long left = bytes; left > 0;) {
      size_t n =
          left < static_cast<long long>(sizeof block) ? static_cast<size_t>(left) : sizeof block;
      if (fwrite(block, 1, n, stdout) != n) return 5;
      left -= static_cast<long long>(n);
    }
    fflush(stdout);
  }
  if (!mark.empty()) Append(mark, name);
  if (!wait_for.empty()) {
    struct stat st;
    int polls = 0;
    for (const std::string& file : wait_for) {
      for (; polls < 6000 && stat(file.c_str(), &st) != 0; ++polls) usleep(10000);
    }
    if (!then.empty()) printf("%s\n", then.c_str());
    fflush(stdout);
  }
  if (sleep_s > 0) usleep(static_cast<useconds_t>(sleep_s * 1e6));
  if (fail) {
    if (!stamp.empty()) Append(stamp, name + " end " + std::to_string(NowMs()));
    return code;
  }
  std::string h;
  for (auto& p : ins) h += "<" + p + ">" + ReadInput(p, head);
  char base[128];
  snprintf(base, sizeof base, "salt=%s in=%016llx", salt.c_str(), Fnv(h));
  auto write = [slow_write](const std::string& path, const std::string& content) {
    std::ofstream f(path, std::ios::trunc);
    size_t half = slow_write > 0 ? content.size() / 2 : content.size();
    f << content.substr(0, half) << std::flush;
    if (slow_write > 0) usleep(static_cast<useconds_t>(slow_write * 1e6));
    f << content.substr(half);
  };
  for (auto& p : outs) write(p, std::string(base) + " out=" + p + "\n");
  for (auto& d : outdirs) {
    mkdir(d.c_str(), 0777);
    for (int k = 1; k <= 2; ++k) {
      write(d + "/part-" + std::to_string(k) + ".txt",
            std::string(base) + " out=" + d + " part=" + std::to_string(k) + "\n");
    }
  }
  if (!stamp.empty()) Append(stamp, name + " end " + std::to_string(NowMs()));
  return fail_late ? code : 0;
}
