// libFuzzer target: project.yml text -> loader, interpolation, planner and
// Ninja emitter, with the properties of project_oracle.h checked on every
// input. Built only with clang (-DWFGEN_FUZZ=ON, see fuzz/CMakeLists.txt).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "fuzz/project_oracle.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  std::string why = wfgen::CheckProjectText(text);
  if (!why.empty()) {
    fprintf(stderr, "project_oracle: %s\n", why.c_str());
    abort();
  }
  return 0;
}
