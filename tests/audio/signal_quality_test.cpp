// Resampling and downmixing keep what matters: frequency, level, length.
#include <gtest/gtest.h>

#include <numbers>

#include "audio/decode.h"
#include "audio_test_support.h"

namespace facecast::audio::test {
namespace {

struct SineFit {
  double amplitude;
  double residual_rms;  // what is left after removing the fitted sine
};

// Least-squares fit of a sine at `hz` over whole periods of `x` (from `first`, `count` samples).
SineFit fit_sine(const std::vector<float>& x, double hz, std::size_t first, std::size_t count) {
  double c = 0, s = 0;
  for (std::size_t i = first; i < first + count; ++i) {
    const double phase = 2 * std::numbers::pi * hz * static_cast<double>(i) / kAnalysisRate;
    c += x[i] * std::cos(phase);
    s += x[i] * std::sin(phase);
  }
  c *= 2.0 / count;
  s *= 2.0 / count;
  double residual = 0;
  for (std::size_t i = first; i < first + count; ++i) {
    const double phase = 2 * std::numbers::pi * hz * static_cast<double>(i) / kAnalysisRate;
    const double r = x[i] - (c * std::cos(phase) + s * std::sin(phase));
    residual += r * r;
  }
  return {std::hypot(c, s), std::sqrt(residual / count)};
}

TEST(resampleAudio, keepsFrequencyAndAmplitudeOfSine) {
  // 1 kHz, amplitude 0.5, 2 s at 44.1 kHz.
  const DecodedAudio audio = decode_file(fixture("sine_1k_44100.wav"), AudioSettings{});
  ASSERT_NEAR(static_cast<double>(audio.samples.size()), 32000.0, kSamplesPerMs);
  // The middle second (1000 whole periods), away from the edges.
  const SineFit fit = fit_sine(audio.samples, 1000.0, 8000, 16000);
  EXPECT_NEAR(fit.amplitude, 0.5, 0.0005);
  // Anything not a 1 kHz sine (a shifted frequency, aliasing, noise) is below -80 dB.
  EXPECT_LT(fit.residual_rms / (fit.amplitude / std::sqrt(2.0)), 1e-4);
  // And a neighbouring frequency finds nothing.
  EXPECT_LT(fit_sine(audio.samples, 1010.0, 8000, 16000).amplitude, 0.01);
}

TEST(downmixAudio, averagesStereoChannels) {
  // Left: 1 kHz sine of amplitude 0.8; right: silence -> mono amplitude 0.4.
  const DecodedAudio audio = decode_file(fixture("stereo_left_only.wav"), AudioSettings{});
  EXPECT_EQ(audio.source_channels, 2);
  ASSERT_EQ(audio.samples.size(), 16000u);
  EXPECT_NEAR(fit_sine(audio.samples, 1000.0, 0, 16000).amplitude, 0.4, 0.001);
}

TEST(downmixAudio, identicalChannelsAverageToTheSameSignal) {
  const DecodedAudio mono = decode_file(fixture("speech.wav"), AudioSettings{});
  const DecodedAudio eight = decode_file(fixture("speech_8ch.wav"), AudioSettings{});
  EXPECT_NEAR(rms(eight.samples), rms(mono.samples), 1e-6);
}

}  // namespace
}  // namespace facecast::audio::test
