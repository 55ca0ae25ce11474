// AWS Signature Version 4 for S3 requests (header-based authentication):
// https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html
// Pure functions on plain data; the S3 store builds the request and sends
// the headers this returns.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace wfgen {

struct AwsCredentials {
  std::string access_key;
  std::string secret_key;
  std::string session_token;  // empty unless temporary credentials
};

struct SigV4Request {
  std::string method;          // "GET", "PUT", "HEAD"
  std::string canonical_uri;   // already URI-encoded, as sent: "/bucket/a%252Fb"
  std::string canonical_query; // sorted, encoded "k=v&k2=v2" ("" for none)
  // Headers to sign, lower-case names; must include "host". The signer adds
  // x-amz-date, x-amz-content-sha256 and x-amz-security-token.
  std::map<std::string, std::string> headers;
  std::string payload_sha256;  // hex sha256 of the body
};

// Returns the value of the Authorization header and fills `request.headers`
// with the x-amz-* headers that must be sent with it. `amz_date` is
// "YYYYMMDDTHHMMSSZ" (UTC).
std::string SignV4(SigV4Request* request, const AwsCredentials& creds, const std::string& region,
                   const std::string& service, const std::string& amz_date);

// S3's URI encoding: unreserved characters (A-Z a-z 0-9 - . _ ~) kept,
// '/' kept unless `encode_slash`, everything else %XX upper-case. A key's
// "%2F" thus becomes "%252F": the store receives the three characters.
std::string AwsUriEncode(std::string_view s, bool encode_slash);

std::string Sha256Hex(std::string_view data);

// "YYYYMMDDTHHMMSSZ" for a Unix time.
std::string AmzDate(int64_t unix_seconds);

}  // namespace wfgen
