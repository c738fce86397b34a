#include <gtest/gtest.h>

#include "export/text_writer.h"

using facecast::exporter::append_fixed;

static std::string fixed(double v, int decimals) {
  std::string s;
  append_fixed(s, v, decimals);
  return s;
}

TEST(appendFixed, roundsAndDropsTrailingZeros) {
  EXPECT_EQ(fixed(0, 4), "0");
  EXPECT_EQ(fixed(1, 4), "1");
  EXPECT_EQ(fixed(0.5, 4), "0.5");
  EXPECT_EQ(fixed(0.12345, 4), "0.1235");
  EXPECT_EQ(fixed(0.00004, 4), "0");
  EXPECT_EQ(fixed(0.0001, 4), "0.0001");
  EXPECT_EQ(fixed(0.99996, 4), "1");
  EXPECT_EQ(fixed(2.48, 3), "2.48");
  EXPECT_EQ(fixed(123.456, 1), "123.5");
}

TEST(appendFixed, writesNegativesWithoutNegativeZero) {
  EXPECT_EQ(fixed(-2.25, 3), "-2.25");
  EXPECT_EQ(fixed(-0.00001, 4), "0");
  EXPECT_EQ(fixed(-0.0302, 4), "-0.0302");
}
