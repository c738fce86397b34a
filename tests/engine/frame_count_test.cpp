#include <gtest/gtest.h>

#include "engine/frame_count.h"

using facecast::frame_count_for;

TEST(frameCountFor, isCeilOfDurationTimesFps) {
  EXPECT_EQ(frame_count_for(2.48, 30), 75u);  // the example
  EXPECT_EQ(frame_count_for(3.2049, 30), 97u);
  EXPECT_EQ(frame_count_for(1.0, 30), 30u);   // exact: frames 0 .. 29/30 s
  EXPECT_EQ(frame_count_for(1.0 + 1e-12, 30), 30u);  // float noise adds no frame
  EXPECT_EQ(frame_count_for(1.001, 30), 31u);
  EXPECT_EQ(frame_count_for(0.01, 120), 2u);
  EXPECT_EQ(frame_count_for(1.0 / 16000, 24), 1u);  // one sample still shows a face
}

TEST(frameCountFor, isZeroWithoutAudio) {
  EXPECT_EQ(frame_count_for(0, 30), 0u);
  EXPECT_EQ(frame_count_for(-1, 30), 0u);
  EXPECT_EQ(frame_count_for(2, 0), 0u);
}
