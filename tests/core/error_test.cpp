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

}  // namespace
}  // namespace facecast
