// Test support for the asset end-to-end tests: a temporary directory, the
// HTTP servers (nginx and testdata/fault_server.py) on 127.0.0.1, each
// stopped by its destructor, and a way to run wfgen-transfer.
#pragma once

#include <sys/types.h>

#include <functional>
#include <string>
#include <vector>

#include "tests/test_space.h"  // WaitFor

namespace wfgen {
namespace test {

class TempDir {
 public:
  TempDir();
  ~TempDir();  // removes the directory unless the test failed or WFGEN_KEEP_TEST_DIRS=1
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& rel) const { return path_ + "/" + rel; }

 private:
  std::string path_;
};

void WriteFile(const std::string& path, const std::string& content);
std::string ReadFile(const std::string& path);
bool Exists(const std::string& path);
// Deterministic bytes of the given size (different for each seed).
std::string TestBytes(size_t size, int seed);

struct Process {
  pid_t pid = -1;
  int out_fd = -1;  // stdout
  int err_fd = -1;  // stderr
};
Process Spawn(const std::vector<std::string>& argv, const std::vector<std::string>& env);

// The fault-injecting server (testdata/fault_server.py).
class FaultServer {
 public:
  // Serves files from `docroot`, logs requests to `log`.
  FaultServer(const std::string& docroot, const std::string& log);
  ~FaultServer();
  bool ok() const { return port_ > 0; }
  std::string Url(const std::string& path) const;
  // Requests logged so far whose path is `path` ("/plain/a.bin").
  int Requests(const std::string& path) const;
  // The Range headers of those requests, "-" for none.
  std::vector<std::string> Ranges(const std::string& path) const;

 private:
  Process proc_;
  std::string log_;
  int port_ = 0;
};

// Debian's nginx as a process of the test, with a generated configuration
// in `dir`: serves dir/www at /, and dir/www at /slow/ with limit_rate.
class Nginx {
 public:
  explicit Nginx(const std::string& dir);
  ~Nginx();
  bool ok() const { return port_ > 0; }
  std::string Url(const std::string& path) const;
  // Requests in the access log whose path is `path`.
  int Requests(const std::string& path) const;
  std::string error() const { return error_; }

 private:
  bool StartOn(int port);
  std::string dir_;
  pid_t pid_ = -1;
  int port_ = 0;
  std::string error_;
};

struct Result {
  int exit = -1;
  std::string out, err;
};
// Runs wfgen-transfer with `args`, `env` added to the environment.
Result Transfer(const std::vector<std::string>& args, const std::vector<std::string>& env = {});
Process StartTransfer(const std::vector<std::string>& args,
                      const std::vector<std::string>& env = {});
Result Finish(Process* p);

}  // namespace test
}  // namespace wfgen
