// wfgen: generate build.ninja from project.yml, and the commands around it.
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "generator/cli/cli.h"
#include "runtime/base/disk.h"
#include "version.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  // The one file system of the process; every command is given it.
  wfgen::RealDisk disk;
  return wfgen::Main(args, &disk);
}
