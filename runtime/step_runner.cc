#include "runtime/step_runner.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "runtime/decide.h"
#include "runtime/depfile.h"
#include "runtime/evaluate.h"
#include "runtime/disk.h"
#include "runtime/fingerprint.h"
#include "runtime/record.h"
#include "runtime/shlex.h"
#include "runtime/step_spec.h"
#include "runtime/subprocess.h"

extern char** environ;

namespace wfgen {
namespace {

// How much of a step's output goes to the console through Ninja, which
// holds it all in memory until the step ends. The log file has everything.
constexpr size_t kConsoleLimit = 1 << 20;

void WriteFd(int fd, const char* data, size_t size) {
  while (size > 0) {
    ssize_t n = write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    data += n;
    size -= static_cast<size_t>(n);
  }
}

void Print(const std::string& line) {
  std::string s = line + "\n";
  WriteFd(1, s.data(), s.size());
}

// The step's output: all of it to the log, the first kConsoleLimit bytes to
// stdout (Ninja's pipe).
class StepOutput : public OutputSink {
 public:
  StepOutput(int log_fd, bool console) : log_fd_(log_fd), console_(console) {}
  ~StepOutput() override {
    if (log_fd_ >= 0) close(log_fd_);
  }
  void Write(const char* data, size_t size) override {
    if (log_fd_ >= 0) WriteFd(log_fd_, data, size);
    if (!console_) return;
    size_t n = console_bytes_ < kConsoleLimit ? std::min(size, kConsoleLimit - console_bytes_) : 0;
    WriteFd(1, data, n);
    console_bytes_ += n;
    if (n < size) truncated_ = true;
  }
  // wfgen's own lines go to both, uncounted.
  void Say(const std::string& line) {
    std::string s = line + "\n";
    if (log_fd_ >= 0) WriteFd(log_fd_, s.data(), s.size());
    if (console_) WriteFd(1, s.data(), s.size());
  }
  bool truncated() const { return truncated_; }

 private:
  int log_fd_;
  bool console_;
  size_t console_bytes_ = 0;
  bool truncated_ = false;
};

std::string Absolute(const std::string& cwd, const std::string& path) {
  if (path.empty() || path[0] == '/') return path;
  return cwd + "/" + path;
}

// weasel runs `python`/`python3` with its own interpreter and `pip` as
// `python -m pip`; wfgen uses $WFGEN_PYTHON, else python3 from PATH.
void MapInterpreter(std::vector<std::string>* argv) {
  if (argv->empty()) return;
  const char* py = getenv("WFGEN_PYTHON");
  std::string python = py && *py ? py : "python3";
  std::string& first = (*argv)[0];
  if (first == "python" || first == "python3") {
    first = python;
  } else if (first == "pip" || first == "pip3") {
    argv->erase(argv->begin());
    argv->insert(argv->begin(), {python, "-m", "pip"});
  }
}

std::string SignalName(int sig) {
  const char* abbrev = sigabbrev_np(sig);
  return abbrev ? std::string("SIG") + abbrev : "signal " + std::to_string(sig);
}

class Step {
 public:
  explicit Step(const RunOptions& options) : options_(options), runner_(10000) {}
  int Run();

 private:
  bool Load(std::string* err);
  void WriteDepfile(const std::vector<PathState>& deps, const std::vector<PathState>& outs);
  void EnsureStamp(bool changed);
  int Skip();
  int Execute();
  bool PrepareDirectories(std::string* err);
  LineResult RunLines(StepOutput* out, size_t* failed_line);
  bool RecordSuccess(std::string* err);
  [[noreturn]] void DieOfSignal(int sig);

  RunOptions options_;
  ProcessRunner runner_;
  RealDisk disk_;
  StepSpec spec_;
  std::string cwd_;  // where ninja runs us
  Evaluation eval_;
  // Shorthands into eval_.
  const Current& current_ = eval_.current;
};

bool Step::Load(std::string* err) {
  char buf[4096];
  if (!getcwd(buf, sizeof buf)) {
    *err = std::string("getcwd: ") + strerror(errno);
    return false;
  }
  cwd_ = buf;
  std::string text;
  if (!disk_.ReadFile(options_.spec_path, &text, err)) return false;
  if (!ParseStepSpec(text, &spec_, err)) {
    *err = options_.spec_path + ": " + *err;
    return false;
  }
  runner_.set_grace_ms(spec_.grace_ms);
  if (ForcedByEnvironment(getenv("WFGEN_FORCE"), spec_.name)) options_.forced = true;
  if (!options_.stamp.empty()) options_.stamp = Absolute(cwd_, options_.stamp);
  if (!options_.depfile.empty()) options_.depfile = Absolute(cwd_, options_.depfile);
  if (chdir(spec_.project_dir.c_str()) != 0) {
    *err = "cannot enter project directory " + spec_.project_dir + ": " + strerror(errno);
    return false;
  }
  return true;
}

void Step::WriteDepfile(const std::vector<PathState>& deps, const std::vector<PathState>& outs) {
  if (options_.depfile.empty()) return;
  std::vector<const PathState*> all;
  for (auto& p : deps) all.push_back(&p);
  for (auto& p : outs) all.push_back(&p);
  std::string err;
  if (!disk_.MakeDirs(DirName(options_.depfile), &err) ||
      !disk_.WriteFileAtomic(options_.depfile, RenderDepfile("stamp", spec_.project_dir, all),
                             &err)) {
    Print("wfgen: warning: " + err);
  }
}

// The stamp's mtime is what consumers compare against: it moves only when
// an output's bytes changed (or when it does not exist yet).
void Step::EnsureStamp(bool changed) {
  if (options_.stamp.empty()) return;
  std::string err;
  FileInfo info;
  if (!disk_.Stat(options_.stamp, &info, &err)) return;
  if (!changed && info.kind != FileKind::kMissing) return;
  if (!disk_.MakeDirs(DirName(options_.stamp), &err) || !disk_.Touch(options_.stamp, &err)) {
    Print("wfgen: warning: " + err);
  }
}

int Step::Skip() {
  WriteDepfile(current_.deps, current_.outs);
  EnsureStamp(false);
  // Files were re-read (touched, or hashed too soon after being written):
  // store their new stat keys so that the next check reads nothing.
  if (eval_.files_hashed > 0 && eval_.record) {
    Record fresh = *eval_.record;
    fresh.deps = current_.deps;
    fresh.outs = current_.outs;
    fresh.hashed_at_ns = eval_.hashed_at_ns;
    std::string err;
    disk_.WriteFileAtomic(RecordPath(spec_.name), RenderRecord(fresh), &err);
  }
  Print("Skipping '" + spec_.name + "': nothing changed");
  return 0;
}

bool Step::PrepareDirectories(std::string* err) {
  for (const std::string& d : spec_.directories) {
    if (!disk_.MakeDirs(d, err)) return false;
  }
  // Outputs may live in directories nothing has created yet.
  for (const std::string& o : spec_.AllOutputs()) {
    std::string parent = DirName(o.back() == '/' ? o.substr(0, o.size() - 1) : o);
    if (!parent.empty() && !disk_.MakeDirs(parent, err)) return false;
  }
  return disk_.MakeDirs(".wfgen/logs", err) && disk_.MakeDirs(".wfgen/state", err);
}

LineResult Step::RunLines(StepOutput* out, size_t* failed_line) {
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) {
    if (strncmp(*e, "WFGEN_STEP=", 11) != 0) env.push_back(*e);
  }
  env.push_back("WFGEN_STEP=" + spec_.name);
  LineResult result;
  for (size_t i = 0; i < spec_.script.size(); ++i) {
    *failed_line = i;
    if (runner_.StopSignal()) break;
    const std::string& line = spec_.script[i];
    std::vector<std::string> argv;
    if (spec_.shell) {
      argv = {"/bin/sh", "-c", line};
      out->Say("Running command: " + line);
    } else {
      std::string err;
      if (!ShlexSplit(line, &argv, &err)) {
        result.kind = LineResult::kSpawnFailed;
        result.error = "cannot split script line " + std::to_string(i + 1) + " like a shell would (" +
                       err + "): " + line;
        return result;
      }
      if (argv.empty()) continue;
      MapInterpreter(&argv);
      out->Say("Running command: " + ShlexJoin(argv));
    }
    result = runner_.Run(argv, env, out);
    if (!result.ok()) return result;
  }
  return result;
}

bool Step::RecordSuccess(std::string* err) {
  // Hash again, reusing the pre-run hashes of files the run did not touch.
  Record before;
  before.hashed_at_ns = eval_.hashed_at_ns;
  before.deps = current_.deps;
  before.outs = current_.outs;
  Fingerprinter fp(&disk_, &before);
  Record after;
  after.script = current_.script;
  after.hashed_at_ns = fp.hashed_at_ns();
  if (!fp.TakeAll(spec_.deps, &after.deps, err) ||
      !fp.TakeAll(spec_.AllOutputs(), &after.outs, err)) {
    return false;
  }
  // Early cutoff: an output rewritten with the same bytes gets its old
  // mtime back, so nothing downstream looks changed, now or next time.
  bool changed = false;
  for (size_t i = 0; i < after.outs.size(); ++i) {
    PathState& now = after.outs[i];
    const PathState& was = current_.outs[i];
    if (now.kind != was.kind || now.hash != was.hash) changed = true;
    if (now.kind == FileKind::kFile && was.kind == FileKind::kFile && now.hash == was.hash &&
        now.self.mtime_ns != was.self.mtime_ns) {
      std::string ignored;
      if (disk_.SetMtime(now.path, was.self.mtime_ns, &ignored)) {
        FileInfo info;
        if (disk_.Stat(now.path, &info, &ignored)) {
          now.self.mtime_ns = info.mtime_ns;
          now.self.ctime_ns = info.ctime_ns;
        }
      }
    } else if (now.kind == FileKind::kDir && was.kind == FileKind::kDir) {
      size_t j = 0;
      for (FileState& c : now.children) {
        while (j < was.children.size() && was.children[j].rel < c.rel) ++j;
        if (j == was.children.size() || was.children[j].rel != c.rel) continue;
        const FileState& old = was.children[j];
        if (old.hash != c.hash || old.mtime_ns == c.mtime_ns) continue;
        std::string full = ChildPath(now, c), ignored;
        FileInfo info;
        if (disk_.SetMtime(full, old.mtime_ns, &ignored) && disk_.Stat(full, &info, &ignored)) {
          c.mtime_ns = info.mtime_ns;
          c.ctime_ns = info.ctime_ns;
        }
      }
      if (now.hash == was.hash) {
        std::string ignored;
        disk_.SetMtime(now.path, was.self.mtime_ns, &ignored);
      }
    }
  }
  if (!disk_.WriteFileAtomic(RecordPath(spec_.name), RenderRecord(after), err)) return false;
  EnsureStamp(changed);
  WriteDepfile(after.deps, after.outs);
  return true;
}

void Step::DieOfSignal(int sig) {
  runner_.Finish();
  fflush(stdout);
  signal(sig, SIG_DFL);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, sig);
  sigprocmask(SIG_UNBLOCK, &set, nullptr);
  raise(sig);
  _exit(128 + sig);
}

int Step::Execute() {
  std::string err;
  for (const std::string& d : spec_.deps) {
    FileInfo info;
    if (!disk_.Stat(d, &info, &err) || info.kind == FileKind::kMissing) {
      WriteDepfile(current_.deps, current_.outs);
      Print("Missing dependency specified by command '" + spec_.name + "': " + d);
      Print("Maybe you forgot to run the 'assets' command or a previous step?");
      return 1;
    }
  }
  if (!PrepareDirectories(&err)) {
    Print("wfgen: " + err);
    return 1;
  }
  int log_fd = open(LogPath(spec_.name).c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  StepOutput out(log_fd, options_.console);
  out.Say("wfgen: running '" + spec_.name + "': " + eval_.decision.Explain());
  size_t failed_line = 0;
  LineResult r = RunLines(&out, &failed_line);
  if (out.truncated()) {
    Print("wfgen: console output of '" + spec_.name + "' was cut at 1 MiB; the whole output is in " +
          JoinPath(spec_.project_dir, LogPath(spec_.name)));
  }
  if (int sig = runner_.StopSignal()) {
    out.Say("wfgen: '" + spec_.name + "' interrupted by " + SignalName(sig));
    WriteDepfile(current_.deps, current_.outs);
    DieOfSignal(sig);
  }
  if (!r.ok()) {
    WriteDepfile(current_.deps, current_.outs);
    std::string where = "line " + std::to_string(failed_line + 1) + " of '" + spec_.name + "'";
    runner_.Finish();
    switch (r.kind) {
      case LineResult::kSpawnFailed:
        out.Say("wfgen: " + where + ": " + r.error);
        return r.error == "command not found" ? 127 : 1;
      case LineResult::kSignaled:
        out.Say("wfgen: " + where + " was killed by " + SignalName(r.code));
        return 128 + r.code;
      case LineResult::kExited:
        out.Say("wfgen: " + where + " failed with exit code " + std::to_string(r.code));
        return r.code;
    }
  }
  runner_.Finish();
  if (!RecordSuccess(&err)) {
    Print("wfgen: '" + spec_.name + "' succeeded but its record could not be written: " + err);
    return 1;
  }
  return 0;
}

int Step::Run() {
  std::string err;
  if (!runner_.Init(&err) || !Load(&err)) {
    Print("wfgen-run: " + err);
    return 2;
  }
  // When ninja dies (even of SIGKILL), stop like on Ctrl-C.
  pid_t parent = getppid();
  prctl(PR_SET_PDEATHSIG, SIGTERM, 0, 0, 0);
  if (getppid() != parent) raise(SIGTERM);

  if (!Evaluate(&disk_, spec_, options_.forced, &eval_, &err)) {
    Print("wfgen: " + spec_.name + ": " + err);
    return 1;
  }
  if (!eval_.record_error.empty()) {
    Print("wfgen: warning: ignoring unreadable record " + eval_.record_error + "; '" +
          spec_.name + "' will run");
  }
  if (int sig = runner_.StopSignal()) DieOfSignal(sig);
  if (!eval_.decision.run) return Skip();
  return Execute();
}

}  // namespace

bool ForcedByEnvironment(const char* value, const std::string& name) {
  if (!value || !*value) return false;
  std::string v = value;
  if (v == "*") return true;
  size_t start = 0;
  while (start <= v.size()) {
    size_t end = v.find_first_of(" ,", start);
    if (end == std::string::npos) end = v.size();
    if (v.compare(start, end - start, name) == 0 && end - start == name.size()) return true;
    start = end + 1;
  }
  return false;
}

int RunStep(const RunOptions& options) {
  Step step(options);
  return step.Run();
}

}  // namespace wfgen
