// Writing whole buffers to file descriptors (pipes to ninja, logs, the
// terminal), retrying on EINTR and short writes, giving up quietly on
// errors: the reader may be gone, and a step must not fail because of it.
#pragma once

#include <cstddef>
#include <string>

namespace wfgen {

void WriteFd(int fd, const char* data, size_t size);
inline void WriteFd(int fd, const std::string& s) { WriteFd(fd, s.data(), s.size()); }

}  // namespace wfgen
