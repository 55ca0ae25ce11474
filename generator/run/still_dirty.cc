#include "generator/run/still_dirty.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <vector>

namespace wfgen {

std::set<std::string> StepKeysIn(const std::string& out) {
  std::set<std::string> keys;
  const std::string flag = " --stamp ";
  for (size_t at = out.find(flag); at != std::string::npos; at = out.find(flag, at + 1)) {
    size_t start = at + flag.size();
    size_t end = out.find_first_of(" \n", start);
    std::string stamp = out.substr(start, end == std::string::npos ? end : end - start);
    const std::string dir = "stamps/";
    size_t k = stamp.find("/" + dir);
    if (stamp.compare(0, dir.size(), dir) == 0) k = 0;
    else if (k != std::string::npos) k += 1;
    if (k != std::string::npos) keys.insert(stamp.substr(k + dir.size()));
  }
  return keys;
}

bool StillDirty(const NinjaInvocation& inv, std::set<std::string>* keys) {
  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) return false;
  std::vector<std::string> args = {inv.ninja, "-n", "-v"};
  args.insert(args.end(), inv.args.begin(), inv.args.end());
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], 1);
    int null_fd = open("/dev/null", O_RDWR);
    dup2(null_fd, 0);
    dup2(null_fd, 2);
    if (chdir(inv.dir.c_str()) != 0) _exit(127);
    for (const std::string& e : inv.env) putenv(strdup(e.c_str()));
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execvp(argv[0], argv.data());
    _exit(127);
  }
  close(out[1]);
  if (pid < 0) {
    close(out[0]);
    return false;
  }
  std::string text;
  char buf[65536];
  for (;;) {
    ssize_t n = read(out[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    text.append(buf, static_cast<size_t>(n));
  }
  close(out[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return false;
  *keys = StepKeysIn(text);
  return true;
}

}  // namespace wfgen
