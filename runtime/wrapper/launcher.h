// How a script line is launched: as a child process here (the default),
// or as a Slurm job through srun (`launcher: slurm`; slurm.h).
//
// Under Slurm each script line is its own `srun`: one job with one step,
// which srun creates and releases. Why per line and not one job per step:
// - the wrapper keeps running the lines itself, in series, and reports
//   each line's own outcome ("line 2 of 'train' failed with exit code 3")
//   exactly as locally, without a shell or a wfgen binary on the compute
//   node;
// - srun owns its allocation, so a line's job ends with the line, also when
//   the wrapper is killed (srun gets SIGTERM as its parent-death signal and
//   ends the job; even srun killed with SIGKILL is covered by the shepherd
//   process srun forks for that), and accounting shows each line's own state and exit
//   code; an allocation held across lines (salloc --no-shell) would
//   outlive a wrapper killed with SIGKILL and end as CANCELLED even when
//   everything succeeded.
// The price: each line queues on its own, and `time` limits each line.
// srun is the local child, in its own process group like any line; the
// work runs on a compute node, so stop signals go through Slurm
// (slurm::JobControl), not through srun.
#pragma once

#include <string>
#include <vector>

#include "runtime/base/subprocess.h"
#include "runtime/state/step_spec.h"
#include "runtime/wrapper/slurm.h"

namespace wfgen {

class LineLauncher {
 public:
  // `project_dir_abs` names the Slurm job; `runner` runs the local child.
  LineLauncher(const StepSpec& spec, const std::string& project_dir_abs, CommandRunner* runner);

  // Checks what the spec asks for; false (*err) if the lines cannot be
  // launched that way.
  bool Init(std::string* err);

  // A line of the log saying how the lines run, or "" when they run here.
  std::string Describe() const;

  // Runs one line (argv as split and mapped by the wrapper) and returns
  // its outcome. Under Slurm, a line that Slurm ended (time limit, node
  // failure, cancelled, or srun could not get a job) comes back as
  // LineResult::kLauncher, distinct from the command's own exit status.
  LineResult Run(const std::vector<std::string>& argv, const std::vector<std::string>& env,
                 OutputSink* sink);

 private:
  LineResult RunSlurm(const std::vector<std::string>& argv, const std::vector<std::string>& env,
                      OutputSink* sink);

  const StepSpec& spec_;
  CommandRunner* runner_;
  bool slurm_ = false;
  std::string job_name_;
  std::string comment_;
  std::vector<std::string> flags_;
};

}  // namespace wfgen
