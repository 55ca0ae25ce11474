#include "transfer/remote/sigv4.h"

#include <time.h>

#include <nettle/hmac.h>
#include <nettle/sha2.h>

#include "runtime/base/hex.h"

namespace wfgen {
namespace {

std::string Hmac(std::string_view key, std::string_view data) {
  hmac_sha256_ctx ctx;
  hmac_sha256_set_key(&ctx, key.size(), reinterpret_cast<const uint8_t*>(key.data()));
  hmac_sha256_update(&ctx, data.size(), reinterpret_cast<const uint8_t*>(data.data()));
  uint8_t digest[SHA256_DIGEST_SIZE];
  hmac_sha256_digest(&ctx, SHA256_DIGEST_SIZE, digest);
  return std::string(reinterpret_cast<char*>(digest), SHA256_DIGEST_SIZE);
}

}  // namespace

std::string Sha256Hex(std::string_view data) {
  sha256_ctx ctx;
  sha256_init(&ctx);
  sha256_update(&ctx, data.size(), reinterpret_cast<const uint8_t*>(data.data()));
  uint8_t digest[SHA256_DIGEST_SIZE];
  sha256_digest(&ctx, SHA256_DIGEST_SIZE, digest);
  return HexLower(digest, SHA256_DIGEST_SIZE);
}

std::string AwsUriEncode(std::string_view s, bool encode_slash) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~' || (c == '/' && !encode_slash)) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string AmzDate(int64_t unix_seconds) {
  time_t t = static_cast<time_t>(unix_seconds);
  struct tm tm;
  gmtime_r(&t, &tm);
  char buf[32];
  strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

std::string SignV4(SigV4Request* r, const AwsCredentials& creds, const std::string& region,
                   const std::string& service, const std::string& amz_date) {
  r->headers["x-amz-date"] = amz_date;
  r->headers["x-amz-content-sha256"] = r->payload_sha256;
  if (!creds.session_token.empty()) r->headers["x-amz-security-token"] = creds.session_token;
  std::string canonical_headers, signed_headers;
  for (const auto& [name, value] : r->headers) {  // std::map: sorted by name
    canonical_headers += name + ":" + value + "\n";
    if (!signed_headers.empty()) signed_headers += ';';
    signed_headers += name;
  }
  std::string canonical = r->method + "\n" + r->canonical_uri + "\n" + r->canonical_query + "\n" +
                          canonical_headers + "\n" + signed_headers + "\n" + r->payload_sha256;
  std::string day = amz_date.substr(0, 8);
  std::string scope = day + "/" + region + "/" + service + "/aws4_request";
  std::string to_sign = "AWS4-HMAC-SHA256\n" + amz_date + "\n" + scope + "\n" + Sha256Hex(canonical);
  std::string key = Hmac("AWS4" + creds.secret_key, day);
  key = Hmac(key, region);
  key = Hmac(key, service);
  key = Hmac(key, "aws4_request");
  std::string sig = Hmac(key, to_sign);
  return "AWS4-HMAC-SHA256 Credential=" + creds.access_key + "/" + scope +
         ",SignedHeaders=" + signed_headers +
         ",Signature=" + HexLower(reinterpret_cast<const uint8_t*>(sig.data()), sig.size());
}

}  // namespace wfgen
