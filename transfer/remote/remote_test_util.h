// Shared by the remote-storage tests: the vendored weasel, the helper
// scripts in testdata/, and the wfgen-remote binary.
#pragma once

#include <string>
#include <vector>

#include "tests/test_space.h"

namespace wfgen {
namespace test {

// Runs testdata/SCRIPT with /usr/bin/python3 and the vendored weasel on
// PYTHONPATH, in `s`'s directory; fails the test unless it exits 0.
// Returns its output without the trailing newline.
std::string Python(const TestSpace& s, const std::string& script,
                   const std::vector<std::string>& args);
std::string WfgenRemoteBin();
std::string WeaselDir();
std::string TestdataDir();

// s3rver (npm, installed by ./dev into transfer/remote/s3) on 127.0.0.1, a
// free port, data in `s`'s s3data/, one bucket "bucket", credentials
// S3RVER/S3RVER; stopped by the destructor. error() is set if it did not
// start.
class S3rver {
 public:
  explicit S3rver(const TestSpace& s);
  ~S3rver();
  const std::string& error() const { return error_; }
  const std::string& endpoint() const { return endpoint_; }
  int port() const { return port_; }

 private:
  TestSpace::Background bg_;
  std::string endpoint_, error_;
  int port_ = 0;
};

// testdata/sigv4_proxy.py in front of `upstream`: checks every request's
// SigV4 signature against the secret S3RVER (s3rver does not), answers 403
// SignatureDoesNotMatch on a mismatch. `stall_get`: see the script.
class SigV4Proxy {
 public:
  SigV4Proxy(const TestSpace& s, const S3rver& upstream, const std::string& stall_get = "");
  ~SigV4Proxy();
  const std::string& error() const { return error_; }
  const std::string& endpoint() const { return endpoint_; }
  // Blocks until the proxy printed `line` (e.g. "stalled"); false at EOF.
  bool WaitForLine(const std::string& line);

 private:
  TestSpace::Background bg_;
  std::string endpoint_, error_;
};

// Every file below `dir` (relative paths, sorted), for "nothing else
// appeared" checks.
std::vector<std::string> ListTree(const std::string& dir);
// rm -rf, for test set-up.
void RemoveTree(const std::string& path);

}  // namespace test
}  // namespace wfgen
