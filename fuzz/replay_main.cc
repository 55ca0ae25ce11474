// fuzz_replay FILE_OR_DIR...: runs every file through the fuzzer's checks
// (project_oracle.h) with the ordinary compiler, so the kept corpus and
// the inputs that once failed are regression tests in every build,
// sanitized or not. Prints each failure; exits 1 if there was one.
#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz/project_oracle.h"

namespace {

void Collect(const std::string& path, std::vector<std::string>* files) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) {
    fprintf(stderr, "fuzz_replay: cannot stat %s\n", path.c_str());
    files->push_back(path);  // reported as unreadable below
    return;
  }
  if (!S_ISDIR(st.st_mode)) {
    files->push_back(path);
    return;
  }
  DIR* d = opendir(path.c_str());
  std::vector<std::string> names;
  while (dirent* e = d ? readdir(d) : nullptr) {
    if (e->d_name[0] != '.') names.push_back(e->d_name);
  }
  if (d) closedir(d);
  std::sort(names.begin(), names.end());
  for (const std::string& n : names) Collect(path + "/" + n, files);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) Collect(argv[i], &files);
  int failed = 0;
  auto start = std::chrono::steady_clock::now();
  for (const std::string& f : files) {
    std::ifstream in(f, std::ios::binary);
    if (!in) {
      fprintf(stderr, "FAIL %s: cannot read\n", f.c_str());
      ++failed;
      continue;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    std::string why = wfgen::CheckProjectText(ss.str());
    if (!why.empty()) {
      fprintf(stderr, "FAIL %s: %s\n", f.c_str(), why.c_str());
      ++failed;
    }
  }
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  printf("fuzz_replay: %zu inputs, %d failed, %.1f s\n", files.size(), failed, seconds);
  return failed ? 1 : 0;
}
