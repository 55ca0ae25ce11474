#include "runtime/wrapper/slurm.h"

#include <gtest/gtest.h>

namespace wfgen {
namespace slurm {
namespace {

using Strings = std::vector<std::string>;

TEST(SlurmTest, ResourcesBecomeSrunFlags) {
  Strings flags;
  std::string err;
  ASSERT_TRUE(ResourceFlags({"cpus=4", "mem=16G", "gpus=a100:2", "time=02:00:00", "partition=gpu",
                             "extra=--qos=high", "extra=--account=nlp"},
                            &flags, &err))
      << err;
  EXPECT_EQ(flags, (Strings{"--cpus-per-task=4", "--mem=16G", "--gres=gpu:a100:2",
                            "--time=02:00:00", "--partition=gpu", "--qos=high", "--account=nlp"}));
  EXPECT_FALSE(ResourceFlags({"disk=5G"}, &flags, &err));
  EXPECT_EQ(err, "unknown resource 'disk' in step file; rerun wfgen");
}

TEST(SlurmTest, SrunLineNamesTheJobAndKeepsTheArgumentsWhole) {
  EXPECT_EQ(SrunArgv("textcat.train", "wfgen:12.34", {"--cpus-per-task=2"},
                     {"python3", "train.py", "a b"}),
            (Strings{"srun", "--ntasks=1", "--cpus-per-task=2", "--job-name=textcat.train",
                     "--comment=wfgen:12.34", "python3", "train.py", "a b"}));
}

TEST(SlurmTest, JobNameIsProjectDotCommandInSafeCharacters) {
  EXPECT_EQ(JobName("/home/u/textcat", "train-bayes"), "textcat.train-bayes");
  EXPECT_EQ(JobName("/home/u/my project/", "x y|z"), "my_project.x_y_z");
  EXPECT_EQ(JobName("/", "a"), "wfgen.a");
}

TEST(SlurmTest, ParseJobsKeepsOnlyOurCommentInIdOrder) {
  std::string text =
      "12|FAILED|NonZeroExitCode|wfgen:1.2\n"
      "  9|COMPLETED|None|wfgen:1.2\n"
      "13|RUNNING|None|wfgen:7.8\n"
      "14|TIMEOUT|TimeLimit|wfgen:1.2\n"
      "garbage\n";
  std::vector<Job> jobs = ParseJobs(text, "wfgen:1.2");
  ASSERT_EQ(jobs.size(), 3u);
  EXPECT_EQ(jobs[0].id, 9);
  EXPECT_EQ(jobs[2].id, 14);
  EXPECT_EQ(jobs[2].state, "TIMEOUT");
  EXPECT_EQ(jobs[2].reason, "TimeLimit");
}

TEST(SlurmTest, VerdictTellsSlurmsDoingFromTheCommands) {
  EXPECT_EQ(Verdict({1, "COMPLETED", "None"}), "");
  EXPECT_EQ(Verdict({1, "FAILED", "NonZeroExitCode"}), "");
  EXPECT_EQ(Verdict({1, "FAILED", "JobLaunchFailure"}), "JOB LAUNCH FAILURE");
  EXPECT_EQ(Verdict({1, "TIMEOUT", "TimeLimit"}), "TIME LIMIT");
  EXPECT_EQ(Verdict({1, "NODE_FAIL", "None"}), "NODE FAILURE");
  EXPECT_EQ(Verdict({1, "OUT_OF_MEMORY", "OutOfMemory"}), "OUT OF MEMORY");
  EXPECT_EQ(Verdict({1, "CANCELLED", "None"}), "CANCELLED");
  EXPECT_EQ(Verdict({1, "PREEMPTED", "None"}), "PREEMPTED");
  EXPECT_TRUE(IsActive("COMPLETING"));
  EXPECT_TRUE(IsActive("PENDING"));
  EXPECT_FALSE(IsActive("TIMEOUT"));
}

TEST(SlurmTest, CauseNamesWhatRetriesOnMatch) {
  EXPECT_EQ(Cause({1, "NODE_FAIL", "None"}), "node_fail");
  EXPECT_EQ(Cause({1, "TIMEOUT", "TimeLimit"}), "time_limit");
  EXPECT_EQ(Cause({1, "PREEMPTED", "None"}), "preempted");
  EXPECT_EQ(Cause({1, "CANCELLED", "None"}), "cancelled");
  EXPECT_EQ(Cause({1, "OUT_OF_MEMORY", "OutOfMemory"}), "oom");
  EXPECT_EQ(Cause({1, "FAILED", "JobLaunchFailure"}), "");
  EXPECT_EQ(Cause({1, "COMPLETED", "None"}), "");
}

TEST(SlurmTest, RunCaptureCollectsStdoutAndTheStatus) {
  std::string out;
  EXPECT_EQ(RunCapture({"sh", "-c", "echo hi; echo err >&2; exit 3"}, &out, 30), 3);
  EXPECT_EQ(out, "hi\n");
  out.clear();
  EXPECT_EQ(RunCapture({"/nonexistent/tool"}, &out, 30), 127);
}

}  // namespace
}  // namespace slurm
}  // namespace wfgen
