#include "runtime/base/spawn.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <string>

namespace wfgen {
namespace {

// The guardian must know a line's group before the line's program can
// start children of its own, so the child announces itself before exec.
TEST(SpawnTest, TheChildAnnouncesItsGroupBeforeExec) {
  int fds[2];
  ASSERT_EQ(pipe2(fds, O_CLOEXEC), 0);
  SpawnOptions spawn;
  spawn.argv = {"/bin/true"};
  spawn.own_group = true;
  spawn.announce_fd = fds[1];
  int exec_errno = -1;
  std::string err;
  pid_t pid = Spawn(spawn, &exec_errno, &err);
  ASSERT_GT(pid, 0) << err;
  EXPECT_EQ(exec_errno, 0);
  close(fds[1]);
  // The pipe is close-on-exec and the parent writes nothing: the child
  // wrote this before its exec.
  char buf[64];
  ssize_t n = read(fds[0], buf, sizeof buf);
  close(fds[0]);
  EXPECT_EQ(std::string(buf, n > 0 ? static_cast<size_t>(n) : 0), "G " + std::to_string(pid) + "\n");
  int status = 0;
  EXPECT_EQ(waitpid(pid, &status, 0), pid);
}

}  // namespace
}  // namespace wfgen
