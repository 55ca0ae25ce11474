#include "runtime/wrapper/launcher.h"

#include <unistd.h>

#include "runtime/base/messages.h"
#include "runtime/state/group.h"

namespace wfgen {

LineLauncher::LineLauncher(const StepSpec& spec, const std::string& project_dir_abs,
                           CommandRunner* runner)
    : spec_(spec), runner_(runner) {
  job_name_ = slurm::JobName(project_dir_abs, spec.name);
}

bool LineLauncher::Init(std::string* err) {
  // `resources` are read only by a launcher that uses them: locally they
  // are a no-op, so one project.yml serves both.
  if (spec_.launcher.empty() || spec_.launcher == "local") return true;
  if (spec_.launcher != "slurm") {
    *err = "unknown launcher '" + spec_.launcher + "' in step file; rerun wfgen";
    return false;
  }
  slurm_ = true;
  // Names this wrapper's jobs, whatever else runs under the same name.
  comment_ = "wfgen:" + ProcessIdentity(getpid());
  return slurm::ResourceFlags(spec_.resources, &flags_, err);
}

std::string LineLauncher::Describe() const {
  if (!slurm_) return "";
  std::string flags;
  for (const std::string& f : flags_) flags += " " + f;
  return Note("each line runs as a Slurm job '" + job_name_ + "' (srun" + flags + ")");
}

LineResult LineLauncher::Run(const std::vector<std::string>& argv,
                             const std::vector<std::string>& env, OutputSink* sink) {
  if (!slurm_) return runner_->Run(argv, env, sink);
  return RunSlurm(argv, env, sink);
}

LineResult LineLauncher::RunSlurm(const std::vector<std::string>& argv,
                                  const std::vector<std::string>& env, OutputSink* sink) {
  slurm::Client client(job_name_, comment_);
  slurm::JobControl control(&client);
  LineResult r =
      runner_->Run(slurm::SrunArgv(job_name_, comment_, flags_, argv), env, sink, &control);
  slurm::Job job;
  std::string err;
  if (runner_->StopSignal() != 0) {
    // A stop of ours (the step runner reports it). srun is gone, but the
    // job may still be completing on its node: wait until it has left the
    // queue, so that when ninja returns, nothing of ours is left in it.
    if (client.Latest(&job, &err) && slurm::IsActive(job.state)) {
      std::string say =
          Note("waiting for Slurm to end job " + std::to_string(job.id) + " (" + job.state + ")\n");
      sink->Write(say.data(), say.size());
      if (client.Final(&job, 120, &err) && slurm::IsActive(job.state)) client.Cancel(job.id, 0);
    }
    return r;
  }
  if (r.kind == LineResult::kSpawnFailed) {
    if (r.NotFound()) {
      r.error =
          "srun not found: the Slurm launcher needs Slurm's commands (srun, squeue, "
          "scancel) on PATH";
    }
    return r;
  }
  // srun's exit status alone does not tell a command's failure from
  // Slurm's (a task killed at the time limit looks like one killed by
  // SIGTERM, and srun may even exit 0 when its step was cancelled): ask
  // the controller how the job ended.
  int status = r.kind == LineResult::kExited ? r.code : 128 + r.code;
  LineResult slurm_failure;
  slurm_failure.kind = LineResult::kLauncher;
  slurm_failure.code = status != 0 ? status : 1;
  if (!client.Final(&job, 60, &err)) {
    if (r.ok()) return r;
    if (!err.empty()) {
      slurm_failure.error = "ended by srun with exit code " + std::to_string(status) +
                            ", and Slurm could not be asked why (" + err + ")";
    } else {
      // srun got no job at all (bad partition, resources the cluster does
      // not have, ...); its messages are in the log.
      slurm_failure.error = "not started by Slurm: srun exited with " + std::to_string(status) +
                            " before a job existed";
    }
    return slurm_failure;
  }
  std::string verdict = slurm::Verdict(job);
  if (verdict.empty() && status == 255 && job.state == "COMPLETED") {
    verdict = "srun failed with exit code 255";
  }
  if (verdict.empty()) return r;
  slurm_failure.cause = slurm::Cause(job);
  slurm_failure.error = "stopped by Slurm: " + verdict + " (job " + std::to_string(job.id) + ")";
  return slurm_failure;
}

}  // namespace wfgen
