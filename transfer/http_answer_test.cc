#include "transfer/http_answer.h"

#include <gtest/gtest.h>

namespace wfgen {
namespace {

TEST(HttpAnswerTest, LastAnswerAfterARedirectCounts) {
  HttpAnswer a;
  a.AddLine("HTTP/1.1 302 Found\r\n");
  a.AddLine("Location: /x\r\n");
  a.AddLine("ETag: \"old\"\r\n");
  a.AddLine("HTTP/1.1 206 Partial Content\r\n");
  a.AddLine("content-range: bytes 100-199/200\r\n");
  a.AddLine("Content-Length:  100 \r\n");
  a.AddLine("\r\n");
  EXPECT_EQ(a.code, 206);
  EXPECT_EQ(a.etag, "");
  EXPECT_EQ(a.range_start, 100);
  EXPECT_EQ(a.range_total, 200);
  EXPECT_EQ(a.content_length, 100);
}

TEST(HttpAnswerTest, StatusWithOrWithoutReasonPhrase) {
  HttpAnswer a;
  a.AddLine("HTTP/1.1 404 Not Found\r\n");
  EXPECT_EQ(a.Status(), "404 Not Found");
  a.AddLine("HTTP/2 503\r\n");
  EXPECT_EQ(a.Status(), "503 Service Unavailable");
  a.AddLine("HTTP/2 599\r\n");
  EXPECT_EQ(a.Status(), "599");
}

TEST(HttpAnswerTest, ValidatorIsAStrongETagElseLastModified) {
  HttpAnswer a;
  a.AddLine("HTTP/1.1 200 OK");
  a.AddLine("ETag: W/\"weak\"");
  a.AddLine("Last-Modified: Tue, 01 Oct 2024 10:00:00 GMT");
  EXPECT_EQ(a.Validator(), "Tue, 01 Oct 2024 10:00:00 GMT");
  a.AddLine("ETag: \"strong\"");
  EXPECT_EQ(a.Validator(), "\"strong\"");
  a.AddLine("Content-Range: bytes */200");
  EXPECT_EQ(a.range_start, -1);
}

}  // namespace
}  // namespace wfgen
