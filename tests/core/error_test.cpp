#include "core/error.h"

#include <gtest/gtest.h>

#include <string>

namespace facecast {
namespace {

TEST(error, keepsAMessageQuotingUserInputOnOneLine) {
  // A setting value, path or field name may hold a newline or a NUL; the CLI
  // prints one line per error and what() is read as a C string.
  const Error e(ErrorCode::InvalidArgument, std::string("setting 'fps': '30\n31\t\r' in 'se\0ed'", 35));
  EXPECT_STREQ(e.what(), "setting 'fps': '30\\n31\\t\\r' in 'se\\x00ed'");
  EXPECT_EQ(one_line("plain text, unchanged: ünïcode too"), "plain text, unchanged: ünïcode too");
  EXPECT_EQ(one_line(std::string("\x7f\x01", 2)), "\\x7f\\x01");
}

TEST(excerpt, quotesAShortTextWholeAndTheStartOfALongOne) {
  EXPECT_EQ(excerpt("30x"), "30x");
  EXPECT_EQ(excerpt(std::string(kQuotedBytes, 'a')), std::string(kQuotedBytes, 'a'));
  EXPECT_EQ(excerpt(std::string(kQuotedBytes + 1, 'a')), std::string(kQuotedBytes, 'a') + "...");
}

TEST(excerpt, neverCutsAUtf8CharacterInTwo) {
  // 63 ASCII bytes, then a 2-byte 'é' straddling the cut at 64.
  const std::string text = std::string(kQuotedBytes - 1, 'a') + "\xc3\xa9" + "tail";
  EXPECT_EQ(excerpt(text), std::string(kQuotedBytes - 1, 'a') + "...");
}

}  // namespace
}  // namespace facecast
