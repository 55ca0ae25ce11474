// wfgen: generate build.ninja from project.yml, and the commands around it.
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "generator/cli/cli.h"
#include "version.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return wfgen::Main(args);
}
