#include "speech/pcm16.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace facecast::speech {
namespace {

TEST(decoderGain, bringsThePeakToNinetyPercentOfFullScale) {
  // A clipped recording after the rumble filter: peaks past full scale.
  const std::vector<float> loud = {0.2f, -1.3f, 0.7f};
  EXPECT_FLOAT_EQ(decoder_gain(loud) * 1.3f, kDecoderPeak);
  const std::vector<float> quiet = {0.01f, -0.05f};
  EXPECT_FLOAT_EQ(decoder_gain(quiet) * 0.05f, kDecoderPeak);
}

TEST(decoderGain, liftsAQuietStretchAtMostThirtyTimes) {
  const std::vector<float> whisper = {0.0001f, -0.0002f};
  EXPECT_FLOAT_EQ(decoder_gain(whisper), kMaxDecoderGain);
}

TEST(decoderGain, leavesDigitalSilenceAndNonFiniteSamplesAlone) {
  EXPECT_FLOAT_EQ(decoder_gain(std::vector<float>(100, 0.0f)), 1.0f);
  EXPECT_FLOAT_EQ(decoder_gain(std::vector<float>{NAN, 0.5f, INFINITY}), kDecoderPeak / 0.5f);
}

TEST(liveDecoderGain, keepsTheFixedGainForOrdinarySpeechAndUnheardSpeakers) {
  EXPECT_FLOAT_EQ(live_decoder_gain(0.0f), kLiveDecoderGain);
  EXPECT_FLOAT_EQ(live_decoder_gain(0.3f), kLiveDecoderGain);
  EXPECT_FLOAT_EQ(live_decoder_gain(1.0f), kLiveDecoderGain);
  EXPECT_FLOAT_EQ(live_decoder_gain(std::numeric_limits<float>::infinity()), kLiveDecoderGain);
  EXPECT_FLOAT_EQ(live_decoder_gain(std::numeric_limits<float>::quiet_NaN()), kLiveDecoderGain);
}

TEST(liveDecoderGain, liftsAQuietSpeakerAndLowersOneOverFullScale) {
  EXPECT_FLOAT_EQ(live_decoder_gain(0.01f) * 0.01f, kLiveQuietPeak);
  EXPECT_FLOAT_EQ(live_decoder_gain(1e-6f), kMaxDecoderGain);
  EXPECT_FLOAT_EQ(live_decoder_gain(4.0f) * 4.0f, kLiveDecoderGain * kLiveLoudPeak);
}

TEST(appendPcm16, scalesByTheGainAndClipsAtFullScale) {
  std::vector<int16_t> out;
  append_pcm16(std::vector<float>{0.25f, 1.3f, -1.3f}, 2.0f, out);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_NEAR(out[0], 16384, 2);  // 0.5 of full scale, +-1 dither
  EXPECT_GE(out[1], 32766);
  EXPECT_LE(out[2], -32767);
}

}  // namespace
}  // namespace facecast::speech
