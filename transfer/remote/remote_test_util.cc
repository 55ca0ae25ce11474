#include "transfer/remote/remote_test_util.h"

#include <dirent.h>
#include <string.h>
#include <sys/stat.h>

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
