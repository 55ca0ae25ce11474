// What an HTTP answer's status line and headers say, as far as a download
// needs it: the status, the validators for If-Range, Content-Length and
// Content-Range. Filled one header line at a time (libcurl's header
// callback); a new status line starts a new answer, so after a redirect or
// a 100 Continue the last answer is what remains.
#pragma once

#include <cstdint>
#include <string>

namespace wfgen {

struct HttpAnswer {
  long code = 0;
  std::string status_line;  // "HTTP/1.1 404 Not Found"
  std::string etag, last_modified;
  int64_t content_length = -1;
  int64_t range_start = -1;  // Content-Range: bytes START-END/TOTAL
  int64_t range_total = -1;  // -1 for "*" or absent

  void AddLine(const std::string& raw_line);
  // "404 Not Found": the server's reason phrase, or a standard one when it
  // sent none (HTTP/2 has none).
  std::string Status() const;
  // What may validate a range request: a strong ETag, else Last-Modified.
  std::string Validator() const;
};

}  // namespace wfgen
