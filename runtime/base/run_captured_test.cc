#include "runtime/base/run_captured.h"

#include <errno.h>
#include <signal.h>
#include <sys/wait.h>

#include <gtest/gtest.h>

#include "runtime/base/environment.h"

namespace wfgen {
namespace {

Captured Capture(const CaptureOptions& options) {
  Captured r;
  std::string err;
  EXPECT_TRUE(RunCaptured(options, &r, &err)) << err;
  return r;
}

TEST(RunCapturedTest, StdoutAloneAndTheStatus) {
  CaptureOptions o;
  o.spawn.argv = {"sh", "-c", "echo out; echo err >&2; exit 3"};
  Captured r = Capture(o);
  EXPECT_EQ(r.out, "out\n");
  EXPECT_EQ(r.output, "out\n");
  ASSERT_TRUE(WIFEXITED(r.status));
  EXPECT_EQ(WEXITSTATUS(r.status), 3);
  EXPECT_EQ(r.exec_errno, 0);
  EXPECT_FALSE(r.timed_out);
}

TEST(RunCapturedTest, StderrBesideStdoutInTheOrderWritten) {
  CaptureOptions o;
  o.spawn.argv = {"sh", "-c", "echo out; echo err >&2"};
  o.capture_stderr = true;
  Captured r = Capture(o);
  EXPECT_EQ(r.out, "out\n");
  EXPECT_EQ(r.output, "out\nerr\n");
  EXPECT_EQ(WEXITSTATUS(r.status), 0);
}

TEST(RunCapturedTest, DirectoryAndEnvironment) {
  std::vector<std::string> env = ChangeEnvironment(ProcessEnvironment(), {"WFGEN_X=y z"});
  CaptureOptions o;
  o.spawn.argv = {"sh", "-c", "pwd; echo \"$WFGEN_X\""};
  o.spawn.env = &env;
  o.spawn.dir = "/";
  EXPECT_EQ(Capture(o).out, "/\ny z\n");
}

TEST(RunCapturedTest, AFailedExecIsAnExit127) {
  CaptureOptions o;
  o.spawn.argv = {"/nonexistent/tool"};
  Captured r = Capture(o);
  EXPECT_EQ(r.exec_errno, ENOENT);
  EXPECT_EQ(WEXITSTATUS(r.status), 127);
  o.spawn.argv = {"true"};
  o.spawn.dir = "/nonexistent/dir";
  r = Capture(o);
  EXPECT_EQ(r.exec_errno, ENOENT);
  EXPECT_EQ(WEXITSTATUS(r.status), 127);
}

TEST(RunCapturedTest, KilledAtTheTimeout) {
  CaptureOptions o;
  o.spawn.argv = {"sleep", "infinity"};
  o.timeout_ms = 50;
  Captured r = Capture(o);
  EXPECT_TRUE(r.timed_out);
  ASSERT_TRUE(WIFSIGNALED(r.status));
  EXPECT_EQ(WTERMSIG(r.status), SIGKILL);
}

}  // namespace
}  // namespace wfgen
