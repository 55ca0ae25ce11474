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

// Every file below `dir` (relative paths, sorted), for "nothing else
// appeared" checks.
std::vector<std::string> ListTree(const std::string& dir);
// rm -rf, for test set-up.
void RemoveTree(const std::string& path);

}  // namespace test
}  // namespace wfgen
