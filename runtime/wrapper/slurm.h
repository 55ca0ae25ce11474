// Slurm specifics: how a step's resources become srun flags, how the job of
// a running line is found, signalled and cancelled, and how Slurm's verdict
// on a job (time limit, node failure, ...) is told apart from the
// command's own exit status. docs/slurm.md is the user's side of this.
//
// Each script line is one `srun`, which creates a job with one step and
// releases it when the line ends (launcher.h says why). The job carries
// a name for people ("<project>.<command>") and a comment for wfgen
// ("wfgen:<pid>.<starttime>" of the wrapper), so the wrapper finds exactly
// its own job with squeue without parsing srun's messages.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "runtime/base/subprocess.h"

namespace wfgen {
namespace slurm {

// srun flags for a step's resources ("cpus=4", "mem=16G", "gpus=1" or
// "gpus=a100:2", "time=02:00:00", "partition=gpu", "extra=--qos=high";
// step_spec.h). False for a resource it does not know.
bool ResourceFlags(const std::vector<std::string>& resources, std::vector<std::string>* flags,
                   std::string* err);

// "<basename of the project directory>.<command>", with every character
// outside [A-Za-z0-9_.-] replaced by '_', so it reads well in squeue.
std::string JobName(const std::string& project_dir_abs, const std::string& command);

// The whole srun command line for one script line.
std::vector<std::string> SrunArgv(const std::string& job_name, const std::string& comment,
                                  const std::vector<std::string>& resource_flags,
                                  const std::vector<std::string>& argv);

struct Job {
  long id = 0;
  std::string state;   // squeue's %T: RUNNING, TIMEOUT, ...
  std::string reason;  // squeue's %r: NonZeroExitCode, TimeLimit, ...
};

// The squeue format ParseJobs reads.
constexpr char kSqueueFormat[] = "%i|%T|%r|%k";

// Parses squeue output in kSqueueFormat: the jobs whose comment is
// `comment`, by increasing id.
std::vector<Job> ParseJobs(const std::string& text, const std::string& comment);

// Still pending, running or being cleaned up.
bool IsActive(const std::string& state);

// For a job that ended: "" when the command's own exit status says what
// happened (COMPLETED, or FAILED because the command exited non-zero),
// else what Slurm did, for people: "TIME LIMIT", "NODE FAILURE",
// "OUT OF MEMORY", "CANCELLED", "PREEMPTED", ...
std::string Verdict(const Job& job);

// The same verdict as `retries: {on: [...]}` names it: "node_fail",
// "time_limit", "preempted", "cancelled", "oom" (retry_policy.h), or ""
// for anything else.
std::string Cause(const Job& job);

// Talks to Slurm through its commands (squeue, scancel), for the jobs of
// one wrapper.
class Client {
 public:
  Client(std::string job_name, std::string comment)
      : name_(std::move(job_name)), comment_(std::move(comment)) {}

  // The newest of our jobs. False if there is none (*err empty) or squeue
  // failed (*err says how).
  bool Latest(Job* job, std::string* err) const;
  // Like Latest, but waits (up to `seconds`) for the job to leave the
  // active states, since srun may exit before the controller has
  // finished the job.
  bool Final(Job* job, double seconds, std::string* err) const;
  // `scancel --signal=SIG ID`, or with sig == 0 plain `scancel ID` (the
  // job is ended). True if scancel succeeded.
  bool Cancel(long id, int sig) const;

 private:
  std::string name_;
  std::string comment_;
};

// Stops a line's work through Slurm rather than through srun, because
// srun does not pass a stop on: a single SIGINT only makes it print the
// tasks' state, and SIGTERM makes it kill the tasks at once with SIGKILL
// ("forcing job termination"), with no grace period. So the stop signal
// goes to the job with `scancel --signal`, srun keeps relaying the
// output until the tasks exit, and after the grace period the job is
// killed (scancel --signal=KILL, then scancel).
class JobControl : public RemoteControl {
 public:
  explicit JobControl(const Client* client) : client_(client) {}
  void Signal(int sig, pid_t group) override;
  void Kill(pid_t group) override;
  // If wfgen-run dies, srun gets SIGTERM and ends its job itself. (srun
  // also forks a shepherd that cancels the job if srun dies of SIGKILL;
  // only a SIGKILL to both, as to a whole process group, defeats it, which
  // is why the runner asks Kill() before it SIGKILLs the group.)
  int ParentDeathSignal() const override;

 private:
  const Client* client_;
};

// Runs argv (no shell) and collects its stdout; stderr goes to /dev/null.
// Gives up after `seconds` (the child is killed). Returns the exit status,
// or -1 if it could not run or was killed.
int RunCapture(const std::vector<std::string>& argv, std::string* out, double seconds);

}  // namespace slurm
}  // namespace wfgen
