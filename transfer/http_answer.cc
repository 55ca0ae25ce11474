#include "transfer/http_answer.h"

#include <cstdio>
#include <cstdlib>

namespace wfgen {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Trim(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && s[b] == ' ') ++b;
  while (e > b && (s[e - 1] == '\r' || s[e - 1] == '\n' || s[e - 1] == ' ')) --e;
  return s.substr(b, e - b);
}

std::string StandardReason(long code) {
  switch (code) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 408: return "Request Timeout";
    case 410: return "Gone";
    case 416: return "Range Not Satisfiable";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "";
  }
}

}  // namespace

void HttpAnswer::AddLine(const std::string& raw_line) {
  std::string line = Trim(raw_line);
  if (line.compare(0, 5, "HTTP/") == 0) {
    *this = HttpAnswer();
    status_line = line;
    size_t sp = line.find(' ');
    if (sp != std::string::npos) code = strtol(line.c_str() + sp + 1, nullptr, 10);
    return;
  }
  size_t colon = line.find(':');
  if (colon == std::string::npos) return;
  std::string name = Lower(line.substr(0, colon));
  std::string value = Trim(line.substr(colon + 1));
  if (name == "etag") {
    etag = value;
  } else if (name == "last-modified") {
    last_modified = value;
  } else if (name == "content-length") {
    content_length = strtoll(value.c_str(), nullptr, 10);
  } else if (name == "content-range") {
    unsigned long long start = 0, end = 0;
    char total[32] = "";
    if (sscanf(value.c_str(), "bytes %llu-%llu/%31s", &start, &end, total) >= 2) {
      range_start = static_cast<int64_t>(start);
      range_total = total[0] && total[0] != '*' ? strtoll(total, nullptr, 10) : -1;
    }
  }
}

std::string HttpAnswer::Status() const {
  // "HTTP/1.1 404 Not Found" -> "404 Not Found"
  size_t sp = status_line.find(' ');
  std::string rest = sp == std::string::npos ? "" : status_line.substr(sp + 1);
  if (rest.find(' ') != std::string::npos) return rest;
  std::string reason = StandardReason(code);
  return std::to_string(code) + (reason.empty() ? "" : " " + reason);
}

std::string HttpAnswer::Validator() const {
  // A weak ETag cannot validate a range (RFC 9110, 13.1.5).
  if (!etag.empty() && etag.compare(0, 2, "W/") != 0) return etag;
  return last_modified;
}

}  // namespace wfgen
