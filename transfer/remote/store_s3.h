// A remote in an S3-compatible object store (AWS S3, MinIO, Ceph, s3rver):
// `s3://BUCKET/PREFIX`. Requests are signed with SigV4 (sigv4.h) and sent
// with libcurl. With AWS_ENDPOINT_URL set the bucket goes in the path
// (http://host:port/BUCKET/KEY), as MinIO-style servers need; else the
// virtual-hosted AWS name (https://BUCKET.s3.REGION.amazonaws.com/KEY).
//
// Keys are sent as they are: weasel's "%2F" in an output's name is encoded
// as "%252F" in the request path, so the store holds "%2F", as boto3 does.
// Credentials go into the signature only; no error or log shows them.
#pragma once

#include <string>

#include "transfer/remote/aws_credentials.h"
#include "transfer/remote/store.h"

namespace wfgen {

class S3Store : public Store {
 public:
  // `bucket` and `prefix` (no leading or trailing '/', may be "") from the
  // remote's URL.
  S3Store(std::string bucket, std::string prefix, AwsSettings settings);
  bool Exists(const std::string& key, bool* exists, std::string* err) override;
  bool List(const std::string& prefix, std::vector<StoredObject>* objects,
            std::string* err) override;
  bool Get(const std::string& key, const std::string& local_path, std::string* err) override;
  bool Put(const std::string& local_path, const std::string& key, std::string* err) override;

  struct Response {
    long status = 0;
    std::string body;  // error bodies and listings; object bytes go to a file
  };

 private:
  // One signed request. `query` is already canonical (sorted, encoded).
  // `body_file`/`out_file`: upload from / download into (may be empty).
  bool Send(const std::string& method, const std::string& key, const std::string& query,
            const std::string& body_file, const std::string& out_file, Response* resp,
            std::string* err);
  std::string FullKey(const std::string& key) const;
  std::string Describe(const std::string& key) const;  // "s3://bucket/key", for messages

  std::string bucket_;
  std::string prefix_;
  AwsSettings settings_;
};

// "2023-05-24T10:11:12.345Z" -> ns since the epoch; false if malformed.
bool ParseIsoTime(const std::string& s, int64_t* ns);
// The raw text of the first <tag>...</tag> in `xml` at or after `*pos`;
// advances `*pos` past it. False when there is none. S3's responses are
// flat enough that this is all the XML reading needed.
bool NextXmlElement(const std::string& xml, const std::string& tag, size_t* pos,
                    std::string* text);
// Decodes XML's character references (&amp; &lt; &#47; ...).
std::string XmlDecode(const std::string& s);

}  // namespace wfgen
