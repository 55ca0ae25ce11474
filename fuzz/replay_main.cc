// fuzz_replay [--ninja NINJA] FILE_OR_DIR...: runs every file through the
// fuzzer's checks (project_oracle.h) with the ordinary compiler, so the
// kept corpus and the inputs that once failed are regression tests in
// every build, sanitized or not. With --ninja, each Ninja file is also
// loaded by real ninja (`-t targets all`), which must accept it and list
// exactly the nodes the Ninja reader found: the fuzzer's reader and Ninja
// agree. Prints each failure; exits 1 if there was one.
#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz/ninja_manifest.h"
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

// What real ninja says about `text`: "" and the nodes it has edges for,
// or why it refused.
std::string RealNinjaNodes(const std::string& ninja, const std::string& text,
                           std::set<std::string>* nodes) {
  char dir[] = "/tmp/wfgen-replay-XXXXXX";
  if (!mkdtemp(dir)) return "mkdtemp failed";
  std::string path = std::string(dir) + "/build.ninja";
  std::ofstream(path, std::ios::binary) << text;
  std::string cmd = "cd '" + std::string(dir) + "' && '" + ninja + "' -t targets all 2>&1";
  std::string out;
  if (FILE* p = popen(cmd.c_str(), "r")) {
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    int status = pclose(p);
    if (status != 0) out = "ninja refused it: " + out;
    else {
      std::istringstream in(out);
      std::string line;
      while (std::getline(in, line)) {
        size_t colon = line.rfind(": ");
        if (colon != std::string::npos) nodes->insert(line.substr(0, colon));
      }
      out.clear();
    }
  } else {
    out = "popen failed";
  }
  std::string rm = "rm -rf '" + std::string(dir) + "'";
  if (system(rm.c_str()) != 0) out += " (and the temp dir stayed)";
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> files;
  std::string ninja;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--ninja" && i + 1 < argc) {
      ninja = argv[++i];
      continue;
    }
    Collect(argv[i], &files);
  }
  int checked_by_ninja = 0;
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
    std::string text;
    std::string why = wfgen::CheckProjectText(ss.str(), &text);
    if (why.empty() && !ninja.empty() && !text.empty()) {
      std::set<std::string> real;
      why = RealNinjaNodes(ninja, text, &real);
      wfgen::manifest::Manifest m;
      std::string err;
      if (why.empty() && wfgen::manifest::Parse(text, &m, &err)) {
        std::set<std::string> ours;
        for (const auto& b : m.builds) {
          for (const std::string& o : b.outputs) ours.insert(o);
          for (const std::string& o : b.implicit_outputs) ours.insert(o);
        }
        if (ours != real) why = "real ninja sees other nodes than the reader";
      }
      ++checked_by_ninja;
    }
    if (!why.empty()) {
      fprintf(stderr, "FAIL %s: %s\n", f.c_str(), why.c_str());
      ++failed;
    }
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  printf("fuzz_replay: %zu inputs (%d Ninja files also loaded by ninja), %d failed, %.1f s\n",
         files.size(), checked_by_ninja, failed, seconds);
  return failed ? 1 : 0;
}
