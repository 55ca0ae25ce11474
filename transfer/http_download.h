// Downloading one URL to a file with libcurl, so that the file is either
// complete and verified or untouched.
//
// The body streams into DEST.wfgen-part (part_file.h) and through md5 as it
// arrives; when the transfer is complete and the md5 matches the expected
// checksum (if any), the part file is fsynced and renamed over DEST.
//
// Transient failures (no connection, a 5xx/408/429 answer, a body cut
// short, the low-speed timeout) are retried with exponential backoff, a
// bounded number of times. A retry after some bytes arrived asks for the
// rest with `Range: bytes=N-` (and `If-Range` with the first answer's ETag
// or Last-Modified, so a file that changed meanwhile is sent whole): a 206
// appends, a 200 starts again from byte 0.
//
// Proxies: libcurl's defaults, i.e. http_proxy, https_proxy (HTTPS_PROXY),
// all_proxy and no_proxy from the environment; nothing is configured here.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

namespace wfgen {

struct DownloadProgress {
  uint64_t bytes = 0;  // of the whole file, including bytes of earlier attempts
  int64_t total = -1;  // -1 while unknown (no Content-Length)
  int attempt = 1;
};

// Where progress goes: stderr lines in wfgen-transfer (progress_lines.h),
// later the event socket of `wfgen run`. Called from the transfer loop, at
// most every `min_interval_ms` and once at the end.
class ProgressSink {
 public:
  virtual ~ProgressSink() = default;
  virtual void OnProgress(const DownloadProgress& p) = 0;
};

struct DownloadRetries {
  int attempts = 5;               // in all, the first one included
  int64_t first_delay_ms = 1000;  // then doubled after each failure
  int64_t max_delay_ms = 30000;
};

struct DownloadOptions {
  DownloadRetries retry;
  // The transfer is abandoned (and retried) when it moves fewer than
  // `low_speed_limit` bytes per second for `low_speed_time_s` seconds.
  long low_speed_limit = 1000;
  long low_speed_time_s = 30;
  long connect_timeout_s = 30;
  // How to wait between attempts; tests pass one that records the delays.
  std::function<void(int64_t ms)> sleep_ms;
  ProgressSink* progress = nullptr;
  int64_t progress_interval_ms = 200;
};

// Reads WFGEN_TRANSFER_ATTEMPTS, WFGEN_TRANSFER_BACKOFF_MS,
// WFGEN_TRANSFER_LOW_SPEED_LIMIT and WFGEN_TRANSFER_LOW_SPEED_TIME through
// `getenv` into `options`; false for a value that is not a number.
bool ApplyDownloadEnv(const std::function<const char*(const char*)>& getenv,
                      DownloadOptions* options, std::string* err);

struct DownloadRequest {
  std::string url;           // already checked and converted (asset_url.h)
  std::string dest;          // its directory must exist
  std::string expected_md5;  // empty: no check
};

struct DownloadResult {
  std::string md5;
  uint64_t bytes = 0;
  int attempts = 0;
  int resumed = 0;    // attempts that continued with a 206
  int restarted = 0;  // attempts that had bytes but got the whole body again
};

// *err is the cause alone, for the caller to prefix with the asset and URL:
// "404 Not Found", "checksum mismatch: expected X, got Y", "Couldn't connect
// to server (5 attempts)".
bool DownloadFile(const DownloadRequest& request, const DownloadOptions& options,
                  DownloadResult* result, std::string* err);

}  // namespace wfgen
