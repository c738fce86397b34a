#include <gtest/gtest.h>

#include "core/error.h"
#include "server/multipart.h"

using namespace facecast;
using namespace facecast::server;

namespace {
const std::string kBody =
    "preamble to ignore\r\n"
    "--XyZ\r\n"
    "Content-Disposition: form-data; name=\"file\"; filename=\"a b.wav\"\r\n"
    "Content-Type: audio/wav\r\n"
    "\r\n"
    "RIFF\r\n--not-the-boundary\r\n\r\n"
    "--XyZ\r\n"
    "content-disposition: form-data; name=transcript\r\n"
    "\r\n"
    "hello world\r\n"
    "--XyZ--\r\n";
}  // namespace

TEST(parseMultipart, splitsPartsWithNamesFilenamesAndBinaryData) {
  auto parts = parse_multipart(kBody, "XyZ");
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].name, "file");
  EXPECT_EQ(parts[0].filename, "a b.wav");
  EXPECT_EQ(parts[0].content_type, "audio/wav");
  EXPECT_EQ(parts[0].data, "RIFF\r\n--not-the-boundary\r\n");
  EXPECT_EQ(parts[1].name, "transcript");
  EXPECT_EQ(parts[1].data, "hello world");
}

TEST(parseMultipart, rejectsBodiesCutAnywhere) {
  const std::string body(kBody);
  for (std::size_t cut = 0; cut + 4 < body.size(); cut += 3) {
    try {
      auto parts = parse_multipart(std::string_view(body).substr(0, cut), "XyZ");
      FAIL() << "no error for a body cut at " << cut;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::InvalidArgument);
    }
  }
}

TEST(parseMultipart, rejectsPartsWithoutAName) {
  std::string body = "--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--\r\n";
  EXPECT_THROW(parse_multipart(body, "b"), Error);
}

TEST(multipartBoundary, readsQuotedAndPlainBoundaries) {
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=abc"), "abc");
  EXPECT_EQ(multipart_boundary("multipart/form-data; charset=utf-8; boundary=\"a b;c\""), "a b;c");
  EXPECT_THROW(multipart_boundary("multipart/form-data"), Error);
}

TEST(mediaType, lowerCasesAndDropsParameters) {
  EXPECT_EQ(media_type("Audio/WAV; rate=16000"), "audio/wav");
  EXPECT_EQ(media_type(""), "");
}
