// Writing whole buffers to file descriptors (pipes to ninja, logs, the
// terminal, files), retrying on EINTR and short writes. Where the reader
// may be gone and a step must not fail because of it, callers ignore the
// result; where a file must be whole, they check it.
#pragma once

#include <cstddef>
#include <string>

namespace wfgen {

// Writes all of `data` (retrying short writes and EINTR); false, with
// errno set, if a write failed.
bool WriteFd(int fd, const char* data, size_t size);
inline bool WriteFd(int fd, const std::string& s) { return WriteFd(fd, s.data(), s.size()); }

}  // namespace wfgen
