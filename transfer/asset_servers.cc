#include "transfer/asset_servers.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "runtime/base/environment.h"
#include "runtime/base/spawn.h"

namespace wfgen {
namespace test {

TempDir::TempDir() {
  const char* tmp = getenv("TMPDIR");
  std::string templ = std::string(tmp && *tmp ? tmp : "/tmp") + "/wfgen-assets-XXXXXX";
  std::vector<char> buf(templ.begin(), templ.end());
  buf.push_back('\0');
  if (!mkdtemp(buf.data())) abort();
  path_ = buf.data();
}

TempDir::~TempDir() {
  const char* keep = getenv("WFGEN_KEEP_TEST_DIRS");
  if ((keep && *keep == '1') || ::testing::Test::HasFailure()) {
    fprintf(stderr, "test directory kept: %s\n", path_.c_str());
    return;
  }
  Process rm = Spawn({"rm", "-rf", "--", path_}, {});
  Finish(&rm);
}

void WriteFile(const std::string& path, const std::string& content) {
  std::string dir = path.substr(0, path.rfind('/'));
  for (size_t i = 1; i <= dir.size(); ++i) {
    if (i == dir.size() || dir[i] == '/') mkdir(dir.substr(0, i).c_str(), 0777);
  }
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f << content;
}

std::string ReadFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

bool Exists(const std::string& path) {
  struct stat st;
  return lstat(path.c_str(), &st) == 0;
}

std::string TestBytes(size_t size, int seed) {
  std::string out(size, '\0');
  uint32_t x = 2463534242u + static_cast<uint32_t>(seed) * 7919u;
  for (size_t i = 0; i < size; ++i) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    out[i] = static_cast<char>(x & 0xff);
  }
  return out;
}

Process Spawn(const std::vector<std::string>& argv, const std::vector<std::string>& env) {
  Process p;
  int out[2], err[2];
  if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) return p;
  // "NAME" alone unsets NAME.
  std::vector<std::string> child_env = ChangeEnvironment(ProcessEnvironment(), env);
  SpawnOptions spawn;
  spawn.argv = argv;
  spawn.env = &child_env;
  spawn.stdout_fd = out[1];
  spawn.stderr_fd = err[1];
  int exec_errno = 0;  // a failed exec is an exit 127, as from a shell
  std::string why;
  pid_t pid = wfgen::Spawn(spawn, &exec_errno, &why);
  close(out[1]);
  close(err[1]);
  p.pid = pid;
  p.out_fd = out[0];
  p.err_fd = err[0];
  return p;
}

Result Finish(Process* p) {
  Result r;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  struct pollfd fds[2] = {{p->out_fd, POLLIN, 0}, {p->err_fd, POLLIN, 0}};
  int open_fds = 2;
  char buf[4096];
  while (open_fds > 0) {
    int left = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                    deadline - std::chrono::steady_clock::now())
                                    .count());
    if (left <= 0) {
      kill(p->pid, SIGKILL);
      r.err += "\n[test: timed out]\n";
      break;
    }
    if (poll(fds, 2, left) <= 0) continue;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !fds[i].revents) continue;
      ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n <= 0) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
        continue;
      }
      (i == 0 ? r.out : r.err).append(buf, static_cast<size_t>(n));
    }
  }
  for (auto& f : fds) {
    if (f.fd >= 0) close(f.fd);
  }
  int status = 0;
  waitpid(p->pid, &status, 0);
  r.exit = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

namespace {

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) out.push_back(line);
  return out;
}

void Stop(pid_t pid) {
  if (pid <= 0) return;
  kill(pid, SIGTERM);
  int status;
  // A server that ignores SIGTERM for 10 s is killed: never left behind.
  if (!WaitFor([&] { return waitpid(pid, &status, WNOHANG) == pid; }, 10)) {
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
  }
}

int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr = {};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  int port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  close(fd);
  return port;
}

bool CanConnect(int port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr = {};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

}  // namespace

FaultServer::FaultServer(const std::string& docroot, const std::string& log) : log_(log) {
  WriteFile(log, "");
  proc_ = Spawn({"/usr/bin/python3", FAULT_SERVER, docroot, log}, {});
  std::string line;
  char c;
  struct pollfd p = {proc_.out_fd, POLLIN, 0};
  while (poll(&p, 1, 10000) > 0 && read(proc_.out_fd, &c, 1) == 1 && c != '\n') line += c;
  port_ = atoi(line.c_str());
}

FaultServer::~FaultServer() {
  Stop(proc_.pid);
  close(proc_.out_fd);
  close(proc_.err_fd);
}

std::string FaultServer::Url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

int FaultServer::Requests(const std::string& path) const {
  return static_cast<int>(Ranges(path).size());
}

std::vector<std::string> FaultServer::Ranges(const std::string& path) const {
  std::vector<std::string> out;
  for (const std::string& line : Lines(ReadFile(log_))) {
    // "GET PATH RANGE"
    size_t a = line.find(' '), b = line.rfind(' ');
    if (a != std::string::npos && b > a && line.substr(a + 1, b - a - 1) == path) {
      out.push_back(line.substr(b + 1));
    }
  }
  return out;
}

Nginx::Nginx(const std::string& dir) : dir_(dir) {
  mkdir(dir.c_str(), 0777);
  mkdir((dir + "/tmp").c_str(), 0777);
  mkdir((dir + "/www").c_str(), 0777);
  // nginx cannot report a port it picked, so the test picks a free one and
  // tries again if someone took it in between.
  for (int tries = 0; tries < 5 && port_ == 0; ++tries) {
    if (StartOn(FreePort())) return;
  }
}

bool Nginx::StartOn(int port) {
  std::string d = dir_;
  std::string conf =
      "daemon off;\nmaster_process off;\nworker_processes 1;\n"
      "pid " +
      d + "/nginx.pid;\nerror_log " + d +
      "/error.log;\n"
      "events { worker_connections 64; }\n"
      "http {\n"
      "  access_log " +
      d +
      "/access.log;\n"
      "  client_body_temp_path " +
      d +
      "/tmp/body;\n"
      "  proxy_temp_path " +
      d +
      "/tmp/proxy;\n"
      "  fastcgi_temp_path " +
      d +
      "/tmp/fastcgi;\n"
      "  uwsgi_temp_path " +
      d +
      "/tmp/uwsgi;\n"
      "  scgi_temp_path " +
      d +
      "/tmp/scgi;\n"
      "  server {\n"
      "    listen 127.0.0.1:" +
      std::to_string(port) +
      ";\n"
      "    root " +
      d +
      "/www;\n"
      "    location /slow/ { alias " +
      d +
      "/www/; limit_rate 64k; }\n"
      "  }\n"
      "}\n";
  WriteFile(d + "/nginx.conf", conf);
  Process p =
      Spawn({"/usr/sbin/nginx", "-e", d + "/error.log", "-p", d, "-c", d + "/nginx.conf"}, {});
  close(p.out_fd);
  close(p.err_fd);
  int status;
  bool exited = false;
  bool up = WaitFor(
      [&] {
        if (waitpid(p.pid, &status, WNOHANG) == p.pid) {
          exited = true;
          return true;
        }
        return CanConnect(port);
      },
      10);
  if (!up || exited) {
    error_ = ReadFile(d + "/error.log");
    if (!exited) Stop(p.pid);
    return false;
  }
  pid_ = p.pid;
  port_ = port;
  return true;
}

Nginx::~Nginx() { Stop(pid_); }

std::string Nginx::Url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

int Nginx::Requests(const std::string& path) const {
  int n = 0;
  for (const std::string& line : Lines(ReadFile(dir_ + "/access.log"))) {
    if (line.find("\"GET " + path + " ") != std::string::npos) ++n;
  }
  return n;
}

Result Transfer(const std::vector<std::string>& args, const std::vector<std::string>& env) {
  Process p = StartTransfer(args, env);
  return Finish(&p);
}

Process StartTransfer(const std::vector<std::string>& args, const std::vector<std::string>& env) {
  std::vector<std::string> argv = {WFGEN_TRANSFER_BIN};
  argv.insert(argv.end(), args.begin(), args.end());
  // The machine's proxy settings must not reach 127.0.0.1; quick retries.
  std::vector<std::string> all = {
      "http_proxy", "https_proxy", "HTTPS_PROXY", "all_proxy",
      "ALL_PROXY",  "no_proxy",    "NO_PROXY",    "WFGEN_TRANSFER_BACKOFF_MS=10"};
  all.insert(all.end(), env.begin(), env.end());
  return Spawn(argv, all);
}

}  // namespace test
}  // namespace wfgen
