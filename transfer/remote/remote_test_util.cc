#include "transfer/remote/remote_test_util.h"

#include <dirent.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>

#include <gtest/gtest.h>

#include "transfer/remote/archive.h"

namespace wfgen {
namespace test {
namespace {

void Walk(const std::string& root, const std::string& rel, std::vector<std::string>* out) {
  DIR* d = opendir((root + "/" + rel).c_str());
  if (!d) return;
  while (dirent* e = readdir(d)) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    std::string child = rel.empty() ? e->d_name : rel + "/" + e->d_name;
    out->push_back(child);
    struct stat st;
    if (lstat((root + "/" + child).c_str(), &st) == 0 && S_ISDIR(st.st_mode)) Walk(root, child, out);
  }
  closedir(d);
}

}  // namespace

namespace {

std::string ReadLine(int fd) {
  std::string out;
  char c;
  while (read(fd, &c, 1) == 1 && c != '\n') out += c;
  return out;
}

}  // namespace

S3rver::S3rver(const TestSpace& s) {
  std::string dir = WFGEN_SOURCE_DIR "/transfer/remote/s3";
  if (access((dir + "/node_modules/s3rver").c_str(), F_OK) != 0) {
    error_ = "s3rver is not installed: run `npm ci` in " + dir + " (./dev does)";
    return;
  }
  bg_ = s.Start({"node", dir + "/start.js", s.Path("s3data")});
  // The server prints "port N" once it listens: no sleeping and hoping.
  std::string out = ReadLine(bg_.output_fd);
  if (out.compare(0, 5, "port ") != 0) {
    error_ = "s3rver did not start: " + out;
    return;
  }
  port_ = atoi(out.c_str() + 5);
  endpoint_ = "http://127.0.0.1:" + out.substr(5);
}

S3rver::~S3rver() {
  if (bg_.pid > 0) {
    kill(bg_.pid, SIGTERM);
    TestSpace::Wait(&bg_);
  }
}

SigV4Proxy::SigV4Proxy(const TestSpace& s, const S3rver& upstream, const std::string& stall_get) {
  std::vector<std::string> argv = {"/usr/bin/python3", TestdataDir() + "/sigv4_proxy.py",
                                   std::to_string(upstream.port()), "S3RVER", "S3RVER"};
  if (!stall_get.empty()) argv.insert(argv.end(), {"--stall-get", stall_get});
  bg_ = s.Start(argv);
  std::string out = ReadLine(bg_.output_fd);
  if (out.compare(0, 5, "port ") != 0) {
    error_ = "the SigV4 proxy did not start: " + out;
    return;
  }
  endpoint_ = "http://127.0.0.1:" + out.substr(5);
}

SigV4Proxy::~SigV4Proxy() {
  if (bg_.pid > 0) {
    kill(bg_.pid, SIGKILL);  // it may hold a stalled connection: no graceful stop
    TestSpace::Wait(&bg_);
  }
}

bool SigV4Proxy::WaitForLine(const std::string& line) {
  for (;;) {
    std::string got = ReadLine(bg_.output_fd);
    if (got == line) return true;
    if (got.empty()) return false;
  }
}

std::string WfgenRemoteBin() { return WFGEN_REMOTE_BIN; }
std::string WeaselDir() { return WFGEN_WEASEL_DIR; }
std::string TestdataDir() { return WFGEN_SOURCE_DIR "/transfer/remote/testdata"; }

std::string Python(const TestSpace& s, const std::string& script,
                   const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"/usr/bin/python3", TestdataDir() + "/" + script};
  argv.insert(argv.end(), args.begin(), args.end());
  RunResult r = s.Run(argv, {"PYTHONPATH=" + WeaselDir()});
  EXPECT_EQ(r.exit, 0) << script << ": " << r.output;
  std::string out = r.output;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

std::vector<std::string> ListTree(const std::string& dir) {
  std::vector<std::string> out;
  Walk(dir, "", &out);
  std::sort(out.begin(), out.end());
  return out;
}

void RemoveTree(const std::string& path) { wfgen::RemoveTree(path); }

}  // namespace test
}  // namespace wfgen
