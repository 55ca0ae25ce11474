#include "transfer/remote/store_s3.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <memory>

#include <curl/curl.h>
#include <nettle/sha2.h>

#include "runtime/base/hex.h"
#include "transfer/remote/sigv4.h"

namespace wfgen {
namespace {

constexpr char kEmptySha256[] = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

bool FileSha256(const std::string& path, std::string* hex, uint64_t* size, std::string* err) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *err = "cannot read " + path + ": " + strerror(errno);
    return false;
  }
  sha256_ctx ctx;
  sha256_init(&ctx);
  std::unique_ptr<uint8_t[]> buf(new uint8_t[1 << 16]);
  ssize_t n;
  *size = 0;
  while ((n = read(fd, buf.get(), 1 << 16)) != 0) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      *err = "cannot read " + path + ": " + strerror(errno);
      close(fd);
      return false;
    }
    sha256_update(&ctx, static_cast<size_t>(n), buf.get());
    *size += static_cast<uint64_t>(n);
  }
  close(fd);
  uint8_t d[SHA256_DIGEST_SIZE];
  sha256_digest(&ctx, SHA256_DIGEST_SIZE, d);
  *hex = HexLower(d, SHA256_DIGEST_SIZE);
  return true;
}

size_t AppendBody(char* data, size_t size, size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}

size_t WriteFileData(char* data, size_t size, size_t n, void* user) {
  return fwrite(data, size, n, static_cast<FILE*>(user)) * size;
}

size_t ReadFileData(char* data, size_t size, size_t n, void* user) {
  return fread(data, size, n, static_cast<FILE*>(user)) * size;
}

// Where a request for `key` goes: AWS's virtual-hosted bucket address, or
// the bucket as the first part of the path at AWS_ENDPOINT_URL.
struct S3Address {
  std::string base;  // scheme and host
  std::string host;
  std::string path;
};

S3Address Locate(const AwsSettings& settings, const std::string& bucket, const std::string& key) {
  S3Address a;
  if (!settings.endpoint_url.empty()) {
    a.base = settings.endpoint_url;
    while (!a.base.empty() && a.base.back() == '/') a.base.pop_back();
    size_t scheme = a.base.find("://");
    a.host = scheme == std::string::npos ? a.base : a.base.substr(scheme + 3);
    a.host = a.host.substr(0, a.host.find('/'));
    a.path = "/" + bucket + "/" + AwsUriEncode(key, false);
  } else {
    a.host = bucket + ".s3." + settings.region + ".amazonaws.com";
    a.base = "https://" + a.host;
    a.path = "/" + AwsUriEncode(key, false);
  }
  return a;
}

// The body goes to the file only for a successful GET of an object;
// anything else (listings, error documents) is collected in memory. The
// file is created on the first byte of a 200 response.
struct ObjectSink {
  S3Store::Response* resp;
  FILE* file;
  CURL* curl;
  std::string path;
  bool opened = false;
  bool failed = false;
};

size_t WriteObjectData(char* data, size_t size, size_t n, void* user) {
  ObjectSink* k = static_cast<ObjectSink*>(user);
  long status = 0;
  curl_easy_getinfo(k->curl, CURLINFO_RESPONSE_CODE, &status);
  if (status != 200) return AppendBody(data, size, n, &k->resp->body);
  if (!k->opened) {
    k->opened = true;
    int fd = open(k->path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    k->file = fd < 0 ? nullptr : fdopen(fd, "wb");
    if (!k->file) k->failed = true;
  }
  if (!k->file) return 0;
  return WriteFileData(data, size, n, k->file);
}

// Makes the downloaded file whole after the transfer: flushed to disk, or
// created empty for an empty object. False if it could not be flushed.
bool FinishObject(ObjectSink* sink, long status) {
  bool ok = true;
  if (sink->file) {
    if (fflush(sink->file) != 0 || fsync(fileno(sink->file)) != 0) ok = false;
    fclose(sink->file);
  }
  if (!sink->path.empty() && status == 200 && !sink->opened) {
    // An empty object: the write callback never ran.
    int fd = open(sink->path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) close(fd);
    sink->opened = true;
  }
  return ok;
}

}  // namespace

std::string XmlDecode(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    size_t semi = s.find(';', i);
    if (semi == std::string::npos) {
      out += s[i];
      continue;
    }
    std::string ent = s.substr(i + 1, semi - i - 1);
    if (ent == "amp") out += '&';
    else if (ent == "lt") out += '<';
    else if (ent == "gt") out += '>';
    else if (ent == "quot") out += '"';
    else if (ent == "apos") out += '\'';
    else if (!ent.empty() && ent[0] == '#') {
      long c = ent.size() > 1 && ent[1] == 'x' ? strtol(ent.c_str() + 2, nullptr, 16)
                                                : strtol(ent.c_str() + 1, nullptr, 10);
      if (c > 0 && c < 128) out += static_cast<char>(c);  // keys we write are ASCII
    } else {
      out += s.substr(i, semi - i + 1);
    }
    i = semi;
  }
  return out;
}

namespace {

// The user-facing reason of a failed request: "HTTP 403 SignatureDoesNotMatch".
std::string HttpError(const S3Store::Response& r) {
  std::string msg = "HTTP " + std::to_string(r.status);
  size_t pos = 0;
  std::string code;
  if (NextXmlElement(r.body, "Code", &pos, &code)) msg += " " + XmlDecode(code);
  if (r.status == 403) {
    msg += " (check the access key and secret: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or "
           "AWS_PROFILE)";
  }
  return msg;
}

}  // namespace

bool ParseIsoTime(const std::string& s, int64_t* ns) {
  struct tm tm = {};
  const char* rest = strptime(s.c_str(), "%Y-%m-%dT%H:%M:%S", &tm);
  if (!rest) return false;
  int64_t frac = 0;
  if (*rest == '.') {
    int64_t scale = 100000000;
    for (++rest; *rest >= '0' && *rest <= '9'; ++rest, scale /= 10) frac += (*rest - '0') * scale;
  }
  *ns = static_cast<int64_t>(timegm(&tm)) * 1000000000 + frac;
  return true;
}

bool NextXmlElement(const std::string& xml, const std::string& tag, size_t* pos,
                    std::string* text) {
  std::string open = "<" + tag + ">", close = "</" + tag + ">";
  size_t b = xml.find(open, *pos);
  if (b == std::string::npos) return false;
  b += open.size();
  size_t e = xml.find(close, b);
  if (e == std::string::npos) return false;
  *text = xml.substr(b, e - b);
  *pos = e + close.size();
  return true;
}

S3Store::S3Store(std::string bucket, std::string prefix, AwsSettings settings)
    : bucket_(std::move(bucket)), prefix_(std::move(prefix)), settings_(std::move(settings)) {}

std::string S3Store::FullKey(const std::string& key) const {
  return prefix_.empty() ? key : prefix_ + "/" + key;
}

std::string S3Store::Describe(const std::string& key) const {
  return "s3://" + bucket_ + "/" + FullKey(key);
}

bool S3Store::Send(const std::string& method, const std::string& key, const std::string& query,
                   const std::string& body_file, const std::string& out_file, Response* resp,
                   std::string* err) {
  S3Address address = Locate(settings_, bucket_, key);
  SigV4Request sig;
  sig.method = method;
  sig.canonical_uri = address.path;
  sig.canonical_query = query;
  sig.headers["host"] = address.host;
  sig.payload_sha256 = kEmptySha256;
  uint64_t size = 0;
  if (!body_file.empty() && !FileSha256(body_file, &sig.payload_sha256, &size, err)) return false;
  std::string auth = SignV4(&sig, settings_.creds, settings_.region, "s3", AmzDate(time(nullptr)));

  std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) {
    *err = "cannot start libcurl";
    return false;
  }
  curl_slist* headers = nullptr;
  for (const auto& [name, value] : sig.headers) {
    if (name != "host") headers = curl_slist_append(headers, (name + ": " + value).c_str());
  }
  headers = curl_slist_append(headers, ("Authorization: " + auth).c_str());
  headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip
  std::unique_ptr<curl_slist, void (*)(curl_slist*)> header_guard(headers, curl_slist_free_all);

  std::string url = address.base + address.path + (query.empty() ? "" : "?" + query);
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 30L);
  // A stalled transfer (under 1 KB/s for 60 s) fails instead of hanging.
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1024L);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, 60L);
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");

  std::unique_ptr<FILE, int (*)(FILE*)> in(nullptr, fclose), out(nullptr, fclose);
  if (method == "HEAD") {
    curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
  } else if (method == "PUT") {
    in.reset(fopen(body_file.c_str(), "rbe"));
    if (!in) {
      *err = "cannot read " + body_file + ": " + strerror(errno);
      return false;
    }
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, ReadFileData);
    curl_easy_setopt(c, CURLOPT_READDATA, in.get());
    curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(size));
  }
  ObjectSink sink{resp, nullptr, c, out_file};
  if (!out_file.empty()) {
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, WriteObjectData);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
  } else {
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, AppendBody);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &resp->body);
  }
  CURLcode rc = curl_easy_perform(c);
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &resp->status);
  bool ok = FinishObject(&sink, resp->status) && rc == CURLE_OK;
  if (!ok) {
    if (sink.opened) unlink(out_file.c_str());
    *err = method + " " + Describe(key) + ": " +
           (sink.failed ? "cannot write " + out_file : curl_easy_strerror(rc));
    return false;
  }
  return true;
}

bool S3Store::Exists(const std::string& key, bool* exists, std::string* err) {
  Response r;
  if (!Send("HEAD", FullKey(key), "", "", "", &r, err)) return false;
  if (r.status == 200 || r.status == 404) {
    *exists = r.status == 200;
    return true;
  }
  *err = "HEAD " + Describe(key) + ": " + HttpError(r);
  return false;
}

bool S3Store::List(const std::string& prefix, std::vector<StoredObject>* objects,
                   std::string* err) {
  std::string full = FullKey(prefix) + "/";
  std::string token;
  for (;;) {
    // Canonical query: parameters sorted by name, values fully encoded.
    std::string query;
    if (!token.empty()) query += "continuation-token=" + AwsUriEncode(token, true) + "&";
    query += "delimiter=%2F&list-type=2&prefix=" + AwsUriEncode(full, true);
    Response r;
    if (!Send("GET", "", query, "", "", &r, err)) return false;
    if (r.status != 200) {
      *err = "list " + Describe(prefix) + "/: " + HttpError(r);
      return false;
    }
    size_t pos = 0;
    std::string contents;
    while (NextXmlElement(r.body, "Contents", &pos, &contents)) {
      size_t p = 0;
      std::string key, modified;
      if (!NextXmlElement(contents, "Key", &p, &key)) continue;
      key = XmlDecode(key);
      p = 0;
      int64_t ns = 0;
      if (NextXmlElement(contents, "LastModified", &p, &modified)) ParseIsoTime(modified, &ns);
      if (key.compare(0, full.size(), full) != 0 || key.size() == full.size()) continue;
      std::string rel = key.substr(prefix_.empty() ? 0 : prefix_.size() + 1);
      objects->push_back({rel, ns});
    }
    pos = 0;
    std::string truncated;
    if (!NextXmlElement(r.body, "IsTruncated", &pos, &truncated) || truncated != "true") break;
    pos = 0;
    if (!NextXmlElement(r.body, "NextContinuationToken", &pos, &token)) break;
    token = XmlDecode(token);
  }
  return true;
}

bool S3Store::Get(const std::string& key, const std::string& local_path, std::string* err) {
  Response r;
  if (!Send("GET", FullKey(key), "", "", local_path, &r, err)) return false;
  if (r.status != 200) {
    *err = "GET " + Describe(key) + ": " + HttpError(r);
    return false;
  }
  return true;
}

bool S3Store::Put(const std::string& local_path, const std::string& key, std::string* err) {
  Response r;
  if (!Send("PUT", FullKey(key), "", local_path, "", &r, err)) return false;
  if (r.status != 200) {
    *err = "PUT " + Describe(key) + ": " + HttpError(r);
    return false;
  }
  return true;
}

}  // namespace wfgen
