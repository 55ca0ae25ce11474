// Lowercase hex of raw digest bytes: md5 for weasel's checksums, SHA-256
// for S3's SigV4 signatures and payload hashes.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <string>

namespace wfgen {

std::string HexLower(const uint8_t* bytes, size_t n);

}  // namespace wfgen
