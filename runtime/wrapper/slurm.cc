#include "runtime/wrapper/slurm.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "runtime/base/clock.h"
#include "runtime/base/line_format.h"
#include "runtime/base/run_captured.h"

namespace wfgen {
namespace slurm {
namespace {

bool AllDigits(const std::string& s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}

// "JobLaunchFailure" -> "JOB LAUNCH FAILURE", "NODE_FAIL" -> "NODE FAIL".
std::string Words(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '_') {
      out += ' ';
      continue;
    }
    if (i > 0 && c >= 'A' && c <= 'Z' && s[i - 1] >= 'a' && s[i - 1] <= 'z') out += ' ';
    out += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  }
  return out;
}

}  // namespace

bool ResourceFlags(const std::vector<std::string>& resources, std::vector<std::string>* flags,
                   std::string* err) {
  for (const std::string& r : resources) {
    size_t eq = r.find('=');
    std::string key = r.substr(0, eq);
    std::string value = eq == std::string::npos ? "" : r.substr(eq + 1);
    if (key == "cpus") {
      flags->push_back("--cpus-per-task=" + value);
    } else if (key == "mem") {
      flags->push_back("--mem=" + value);
    } else if (key == "gpus") {
      // --gres works with every select plugin; --gpus needs cons_tres.
      flags->push_back("--gres=gpu:" + value);
    } else if (key == "time") {
      flags->push_back("--time=" + value);
    } else if (key == "partition") {
      flags->push_back("--partition=" + value);
    } else if (key == "extra") {
      flags->push_back(value);
    } else {
      *err = "unknown resource '" + key + "' in step file; rerun wfgen";
      return false;
    }
  }
  return true;
}

std::string JobName(const std::string& project_dir_abs, const std::string& command) {
  std::string dir = project_dir_abs;
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  size_t slash = dir.rfind('/');
  std::string project = slash == std::string::npos ? dir : dir.substr(slash + 1);
  if (project.empty()) project = "wfgen";
  std::string name = project + "." + command;
  for (char& c : name) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '_' || c == '-' || c == '.';
    if (!keep) c = '_';
  }
  return name;
}

std::vector<std::string> SrunArgv(const std::string& job_name, const std::string& comment,
                                  const std::vector<std::string>& resource_flags,
                                  const std::vector<std::string>& argv) {
  // The resources after --ntasks (an `extra` may ask for more tasks),
  // the name and comment last: wfgen finds its jobs by them.
  std::vector<std::string> out = {"srun", "--ntasks=1"};
  out.insert(out.end(), resource_flags.begin(), resource_flags.end());
  out.push_back("--job-name=" + job_name);
  out.push_back("--comment=" + comment);
  out.insert(out.end(), argv.begin(), argv.end());
  return out;
}

std::vector<Job> ParseJobs(const std::string& text, const std::string& comment) {
  std::vector<Job> jobs;
  for (std::string_view view : SplitLines(text)) {
    std::string line(view);
    // id|state|reason|comment; the comment is last, so it may hold '|'.
    size_t a = line.find('|');
    size_t b = a == std::string::npos ? a : line.find('|', a + 1);
    size_t c = b == std::string::npos ? b : line.find('|', b + 1);
    if (c == std::string::npos) continue;
    std::string id = line.substr(0, a);
    while (!id.empty() && id.front() == ' ') id.erase(0, 1);
    if (!AllDigits(id) || line.substr(c + 1) != comment) continue;
    Job j;
    j.id = atol(id.c_str());
    j.state = line.substr(a + 1, b - a - 1);
    j.reason = line.substr(b + 1, c - b - 1);
    jobs.push_back(j);
  }
  std::sort(jobs.begin(), jobs.end(), [](const Job& x, const Job& y) { return x.id < y.id; });
  return jobs;
}

bool IsActive(const std::string& state) {
  for (const char* s :
       {"PENDING", "RUNNING", "CONFIGURING", "COMPLETING", "SUSPENDED", "REQUEUED", "REQUEUE_HOLD",
        "REQUEUE_FED", "RESIZING", "SIGNALING", "STAGE_OUT", "STOPPED", "RESV_DEL_HOLD"}) {
    if (state == s) return true;
  }
  return false;
}

std::string Verdict(const Job& job) {
  const std::string& s = job.state;
  if (s == "COMPLETED") return "";
  if (s == "FAILED") return job.reason == "NonZeroExitCode" ? "" : Words(job.reason);
  if (s == "TIMEOUT") return "TIME LIMIT";
  if (s == "NODE_FAIL") return "NODE FAILURE";
  if (s == "BOOT_FAIL") return "NODE BOOT FAILURE";
  if (s == "OUT_OF_MEMORY") return "OUT OF MEMORY";
  if (s == "DEADLINE") return "DEADLINE";
  return Words(s);  // CANCELLED, PREEMPTED, REVOKED, SPECIAL_EXIT, ...
}

std::string Cause(const Job& job) {
  const std::string& s = job.state;
  if (s == "NODE_FAIL") return "node_fail";
  if (s == "TIMEOUT") return "time_limit";
  if (s == "PREEMPTED") return "preempted";
  if (s == "CANCELLED") return "cancelled";
  if (s == "OUT_OF_MEMORY") return "oom";
  return "";
}

bool Client::Latest(Job* job, std::string* err) const {
  err->clear();
  std::string out;
  std::vector<std::string> argv = {"squeue",          "--noheader",
                                   "--states=all",    "--user=" + std::to_string(getuid()),
                                   "--name=" + name_, std::string("--format=") + kSqueueFormat};
  int rc = RunCapture(argv, &out, 60);
  if (rc != 0) {
    *err = rc < 0 ? "squeue could not be run" : "squeue exited with " + std::to_string(rc);
    return false;
  }
  std::vector<Job> jobs = ParseJobs(out, comment_);
  if (jobs.empty()) return false;
  *job = jobs.back();
  return true;
}

bool Client::Final(Job* job, double seconds, std::string* err) const {
  const int64_t t0 = MonotonicMs();
  for (;;) {
    if (!Latest(job, err)) return false;
    if (!IsActive(job->state)) return true;
    if (static_cast<double>(MonotonicMs() - t0) / 1000.0 >= seconds) return true;
    SleepMs(200);
  }
}

bool Client::Cancel(long id, int sig) const {
  std::vector<std::string> argv = {"scancel"};
  if (sig != 0) argv.push_back("--signal=" + std::to_string(sig));
  argv.push_back(std::to_string(id));
  std::string ignored;
  return RunCapture(argv, &ignored, 60) == 0;
}

void JobControl::Signal(int sig, pid_t group) {
  Job job;
  std::string err;
  if (client_->Latest(&job, &err) && IsActive(job.state)) {
    // A job still waiting for resources has nothing to signal: withdraw it.
    if (job.state == "PENDING" ? client_->Cancel(job.id, 0) : client_->Cancel(job.id, sig)) return;
  }
  // No job yet (srun is still asking for one) or Slurm did not take the
  // signal: srun itself withdraws the request or ends the job on SIGTERM.
  if (group > 0) kill(-group, SIGTERM);
}

void JobControl::Kill(pid_t group) {
  Job job;
  std::string err;
  if (client_->Latest(&job, &err) && IsActive(job.state)) {
    client_->Cancel(job.id, SIGKILL);
    client_->Cancel(job.id, 0);
  }
  if (group > 0) kill(-group, SIGTERM);
}

int JobControl::ParentDeathSignal() const { return SIGTERM; }

int RunCapture(const std::vector<std::string>& argv, std::string* out, double seconds) {
  CaptureOptions options;
  options.spawn.argv = argv;
  options.timeout_ms = static_cast<int64_t>(seconds * 1000);
  Captured captured;
  std::string err;
  if (!RunCaptured(options, &captured, &err)) return -1;
  out->append(captured.out);
  if (captured.timed_out || !WIFEXITED(captured.status)) return -1;
  return WEXITSTATUS(captured.status);
}

}  // namespace slurm
}  // namespace wfgen
