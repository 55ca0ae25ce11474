#include "transfer/http_download.h"

#include <curl/curl.h>
#include <errno.h>
#include <nettle/md5.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cstdlib>

#include "runtime/base/subprocess.h"
#include "runtime/state/weasel_checksum.h"
#include "transfer/http_answer.h"
#include "transfer/part_file.h"

namespace wfgen {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
  return s;
}

// The state of one file's transfer, shared by all its attempts.
struct Transfer {
  PartFile* part = nullptr;
  md5_ctx md5;
  uint64_t have = 0;  // bytes in the part file, all hashed
  int64_t total = -1;
  std::string validator;  // ETag (strong) or Last-Modified of the first answer

  // Per attempt.
  HttpAnswer answer;
  bool body_started = false;
  bool range_mismatch = false;
  bool write_failed = false;
  std::string write_error;
  int attempt = 1;
  bool restarted = false, resumed = false;

  const DownloadOptions* options = nullptr;
  int64_t last_progress_ms = 0;

  void Report(bool force) {
    if (!options->progress) return;
    int64_t now = MonotonicMs();
    if (!force && now - last_progress_ms < options->progress_interval_ms) return;
    last_progress_ms = now;
    options->progress->OnProgress({have, total, attempt});
  }
};

// Empties the part file and its hash, for a transfer from byte 0.
bool StartOver(Transfer* t, std::string* err) {
  if (!t->part->Truncate(err)) return false;
  md5_init(&t->md5);
  t->have = 0;
  return true;
}

size_t OnHeader(char* data, size_t size, size_t n, void* user) {
  static_cast<Transfer*>(user)->answer.AddLine(std::string(data, size * n));
  return size * n;
}

bool WriteAll(int fd, const char* data, size_t size) {
  while (size > 0) {
    ssize_t w = write(fd, data, size);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    data += w;
    size -= static_cast<size_t>(w);
  }
  return true;
}

size_t OnBody(char* data, size_t size, size_t n, void* user) {
  Transfer* t = static_cast<Transfer*>(user);
  size_t bytes = size * n;
  if (t->answer.code != 200 && t->answer.code != 206) return bytes;  // an error page: not the asset
  if (!t->body_started) {
    t->body_started = true;
    if (t->answer.code == 206) {
      if (t->answer.range_start != static_cast<int64_t>(t->have)) {
        t->range_mismatch = true;
        return 0;  // aborts the transfer; the next attempt starts over
      }
      t->resumed = t->have > 0;
      if (t->answer.range_total >= 0) {
        t->total = t->answer.range_total;
      } else if (t->answer.content_length >= 0) {
        t->total = static_cast<int64_t>(t->have) + t->answer.content_length;
      }
    } else {
      t->total = t->answer.content_length;
    }
    if (t->answer.code == 200 && t->have > 0) {
      // The server ignored Range (or If-Range said the file changed).
      std::string err;
      if (!StartOver(t, &err)) {
        t->write_failed = true;
        t->write_error = err;
        return 0;
      }
      t->restarted = true;
    }
  }
  if (!WriteAll(t->part->fd(), data, bytes)) {
    t->write_failed = true;
    t->write_error = std::string("cannot write ") + t->part->path() + ": " + strerror(errno);
    return 0;
  }
  md5_update(&t->md5, bytes, reinterpret_cast<const uint8_t*>(data));
  t->have += bytes;
  t->Report(false);
  return bytes;
}

// Also called while no bytes arrive, so a stalled transfer still reports.
int OnXfer(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  static_cast<Transfer*>(user)->Report(false);
  return 0;
}

bool TransientCurlError(CURLcode rc) {
  switch (rc) {
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_PARTIAL_FILE:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_GOT_NOTHING:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM: return true;
    default: return false;
  }
}

bool TransientStatus(long code) { return code >= 500 || code == 408 || code == 429; }

enum class Outcome { kDone, kRetry, kFail };

// The options every attempt sets alike: the URL, the limits, the callbacks.
void SetRequest(CURL* curl, const DownloadRequest& req, Transfer* t, char* errbuf) {
  curl_easy_reset(curl);
  curl_easy_setopt(curl, CURLOPT_URL, req.url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 10L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "wfgen-transfer");
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, t->options->connect_timeout_s);
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, t->options->low_speed_limit);
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, t->options->low_speed_time_s);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, t);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, t);
  curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, OnXfer);
  curl_easy_setopt(curl, CURLOPT_XFERINFODATA, t);
  curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
  // Accept-Encoding stays unset: the asset's bytes are what is hashed, never
  // a decoded form of them.
}

// Asks for the rest of a part file. `range` and the returned header list
// (null when none; the caller frees it) must outlive the transfer.
curl_slist* AskForRest(CURL* curl, const Transfer& t, std::string* range) {
  curl_slist* headers = nullptr;
  if (t.have > 0) {
    // CURLOPT_RANGE rather than RESUME_FROM: libcurl then leaves a 200
    // answer to us (we start over) instead of failing the transfer.
    *range = std::to_string(t.have) + "-";
    curl_easy_setopt(curl, CURLOPT_RANGE, range->c_str());
    if (!t.validator.empty()) {
      headers = curl_slist_append(headers, ("If-Range: " + t.validator).c_str());
      curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    }
  }
  return headers;
}

// What an ended attempt means: the file is whole, try again, or give up.
Outcome Judge(CURLcode rc, const char* errbuf, Transfer* t, std::string* err) {
  if (t->write_failed) {
    *err = t->write_error;
    return Outcome::kFail;
  }
  if (t->range_mismatch) {
    *err = "the server sent a range that does not start at byte " + std::to_string(t->have);
    std::string terr;
    if (!StartOver(t, &terr)) {
      *err = terr;
      return Outcome::kFail;
    }
    return Outcome::kRetry;
  }
  if (rc == CURLE_OK && (t->answer.code == 200 || t->answer.code == 206)) {
    if (t->answer.code == 200 && !t->body_started && t->have > 0) {
      // An empty 200 after a cut: the file is empty now.
      if (!StartOver(t, err)) return Outcome::kFail;
    }
    return Outcome::kDone;
  }
  if (rc == CURLE_OK) {
    *err = t->answer.Status();
    if (t->answer.code == 416 && t->have > 0) {
      // Our range is past the end: the file shrank. Start over.
      std::string terr;
      if (!StartOver(t, &terr)) {
        *err = terr;
        return Outcome::kFail;
      }
      return Outcome::kRetry;
    }
    return TransientStatus(t->answer.code) ? Outcome::kRetry : Outcome::kFail;
  }
  *err = errbuf[0] ? errbuf : curl_easy_strerror(rc);
  return TransientCurlError(rc) ? Outcome::kRetry : Outcome::kFail;
}

Outcome Attempt(CURL* curl, const DownloadRequest& req, Transfer* t, std::string* err) {
  t->answer = HttpAnswer();
  t->body_started = t->range_mismatch = t->write_failed = false;
  t->resumed = t->restarted = false;
  char errbuf[CURL_ERROR_SIZE] = "";
  SetRequest(curl, req, t, errbuf);
  std::string range;
  curl_slist* headers = AskForRest(curl, *t, &range);
  CURLcode rc = curl_easy_perform(curl);
  if (headers) curl_slist_free_all(headers);
  if (t->validator.empty() && (t->answer.code == 200 || t->answer.code == 206)) {
    t->validator = t->answer.Validator();
  }
  return Judge(rc, errbuf, t, err);
}

void RealSleep(int64_t ms) {
  struct timespec ts = {static_cast<time_t>(ms / 1000), static_cast<long>(ms % 1000) * 1000000L};
  while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
  }
}

bool ParseNumber(const char* text, const char* name, int64_t* out, std::string* err) {
  char* end = nullptr;
  errno = 0;
  long long v = strtoll(text, &end, 10);
  if (errno != 0 || end == text || *end != '\0' || v < 0) {
    *err = std::string(name) + "='" + text + "' is not a non-negative number";
    return false;
  }
  *out = v;
  return true;
}

}  // namespace

bool ApplyDownloadEnv(const std::function<const char*(const char*)>& getenv,
                      DownloadOptions* options, std::string* err) {
  int64_t v;
  if (const char* s = getenv("WFGEN_TRANSFER_ATTEMPTS")) {
    if (!ParseNumber(s, "WFGEN_TRANSFER_ATTEMPTS", &v, err)) return false;
    options->retry.attempts = v < 1 ? 1 : static_cast<int>(v);
  }
  if (const char* s = getenv("WFGEN_TRANSFER_BACKOFF_MS")) {
    if (!ParseNumber(s, "WFGEN_TRANSFER_BACKOFF_MS", &v, err)) return false;
    options->retry.first_delay_ms = v;
  }
  if (const char* s = getenv("WFGEN_TRANSFER_LOW_SPEED_LIMIT")) {
    if (!ParseNumber(s, "WFGEN_TRANSFER_LOW_SPEED_LIMIT", &v, err)) return false;
    options->low_speed_limit = static_cast<long>(v);
  }
  if (const char* s = getenv("WFGEN_TRANSFER_LOW_SPEED_TIME")) {
    if (!ParseNumber(s, "WFGEN_TRANSFER_LOW_SPEED_TIME", &v, err)) return false;
    options->low_speed_time_s = static_cast<long>(v);
  }
  return true;
}

bool DownloadFile(const DownloadRequest& req, const DownloadOptions& options,
                  DownloadResult* result, std::string* err) {
  *result = DownloadResult();
  PartFile part;
  if (!part.Open(req.dest, err)) return false;
  CURL* curl = curl_easy_init();
  if (!curl) {
    *err = "cannot initialise libcurl";
    return false;
  }
  Transfer t;
  t.part = &part;
  t.options = &options;
  md5_init(&t.md5);
  int64_t delay = options.retry.first_delay_ms;
  Outcome outcome = Outcome::kFail;
  std::string cause;
  for (int attempt = 1; attempt <= options.retry.attempts; ++attempt) {
    t.attempt = attempt;
    result->attempts = attempt;
    outcome = Attempt(curl, req, &t, &cause);
    if (t.resumed) ++result->resumed;
    if (t.restarted) ++result->restarted;
    if (outcome != Outcome::kRetry) break;
    if (attempt == options.retry.attempts) break;
    if (options.sleep_ms) {
      options.sleep_ms(delay);
    } else {
      RealSleep(delay);
    }
    delay = std::min(delay * 2, options.retry.max_delay_ms);
  }
  curl_easy_cleanup(curl);
  if (outcome != Outcome::kDone) {
    *err = cause;
    if (outcome == Outcome::kRetry) {
      *err += " (" + std::to_string(result->attempts) + " attempt" +
              (result->attempts == 1 ? "" : "s") + ")";
    }
    return false;
  }
  t.Report(true);
  result->md5 = FinishMd5(&t.md5);
  result->bytes = t.have;
  if (!req.expected_md5.empty() && Lower(req.expected_md5) != result->md5) {
    *err = "checksum mismatch: expected " + req.expected_md5 + ", got " + result->md5;
    return false;
  }
  return part.Commit(err);
}

}  // namespace wfgen
