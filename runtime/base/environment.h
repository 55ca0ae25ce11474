// The environment a child gets: this process's own with a few names set
// or removed, built before fork (a forked child only makes system calls).
#pragma once

#include <string>
#include <vector>

namespace wfgen {

// This process's environment, "NAME=value" entries in their order.
std::vector<std::string> ProcessEnvironment();

// `env` with `changes` applied in order, as putenv and unsetenv would:
// "NAME=value" sets NAME (in its place, or at the end if new), "NAME"
// alone removes it. Duplicate entries of a changed name go.
std::vector<std::string> ChangeEnvironment(std::vector<std::string> env,
                                           const std::vector<std::string>& changes);

}  // namespace wfgen
