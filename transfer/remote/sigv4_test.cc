#include "transfer/remote/sigv4.h"

#include <gtest/gtest.h>

#include "transfer/remote/remote_test_util.h"

namespace wfgen {
namespace {

const AwsCredentials kExample = {"AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                                 ""};

// AWS's published example "GET Object" (Amazon S3 API reference,
// sig-v4-header-based-auth.html).
TEST(SigV4, AwsPublishedGetObjectExample) {
  SigV4Request r;
  r.method = "GET";
  r.canonical_uri = "/test.txt";
  r.headers["host"] = "examplebucket.s3.amazonaws.com";
  r.headers["range"] = "bytes=0-9";
  r.payload_sha256 = Sha256Hex("");
  EXPECT_EQ(SignV4(&r, kExample, "us-east-1", "s3", "20130524T000000Z"),
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
            "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
            "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
  EXPECT_EQ(r.headers["x-amz-date"], "20130524T000000Z");
}

// The same computation by Python's hmac/hashlib, with a query, a session
// token and a "%2F" key: an independent implementation of the spec.
TEST(SigV4, MatchesPythonHmacWithTokenAndQuery) {
  test::TestSpace s;
  AwsCredentials c = {"AKID", "se/cr+et", "TOKEN/x="};
  SigV4Request r;
  r.method = "PUT";
  r.canonical_uri = "/bucket/" + AwsUriEncode("model%2F/abc/def", false);
  r.canonical_query = "delimiter=%2F&list-type=2&prefix=" + AwsUriEncode("a%2F/", true);
  r.headers["host"] = "127.0.0.1:9000";
  r.payload_sha256 = Sha256Hex("body");
  std::string auth = SignV4(&r, c, "eu-west-1", "s3", "20240102T030405Z");
  const char* py = R"(
import hashlib, hmac, sys
uri, query, payload = sys.argv[1:4]
h = {"host": "127.0.0.1:9000", "x-amz-content-sha256": payload,
     "x-amz-date": "20240102T030405Z", "x-amz-security-token": "TOKEN/x="}
names = sorted(h)
creq = "\n".join(["PUT", uri, query, "".join(f"{n}:{h[n]}\n" for n in names),
                  ";".join(names), payload])
scope = "20240102/eu-west-1/s3/aws4_request"
sts = "\n".join(["AWS4-HMAC-SHA256", "20240102T030405Z", scope,
                 hashlib.sha256(creq.encode()).hexdigest()])
k = b"AWS4se/cr+et"
for part in ["20240102", "eu-west-1", "s3", "aws4_request"]:
    k = hmac.new(k, part.encode(), hashlib.sha256).digest()
print(hmac.new(k, sts.encode(), hashlib.sha256).hexdigest())
)";
  test::RunResult py_run = s.Run({"/usr/bin/python3", "-c", py, r.canonical_uri,
                                  r.canonical_query, Sha256Hex("body")});
  ASSERT_EQ(py_run.exit, 0) << py_run.output;
  EXPECT_EQ(auth.substr(auth.find("Signature=") + 10) + "\n", py_run.output);
  EXPECT_EQ(r.canonical_uri, "/bucket/model%252F/abc/def");
  EXPECT_EQ(r.headers["x-amz-security-token"], "TOKEN/x=");
}

TEST(SigV4, UriEncoding) {
  EXPECT_EQ(AwsUriEncode("a b/c~d%2F", false), "a%20b/c~d%252F");
  EXPECT_EQ(AwsUriEncode("a/b", true), "a%2Fb");
  EXPECT_EQ(AmzDate(1369353600), "20130524T000000Z");
}

}  // namespace
}  // namespace wfgen
