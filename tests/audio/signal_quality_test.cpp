// Resampling and downmixing keep what matters: frequency, level, length.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "audio/declip.h"
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

TEST(downmixAudio, turnsBackAChannelWithInvertedPolarity) {
  const DecodedAudio mono = decode_file(fixture("speech.wav"), AudioSettings{});
  const DecodedAudio inverted = decode_file(fixture("speech_stereo_inverted.wav"), AudioSettings{});
  ASSERT_EQ(inverted.source_channels, 2);
  ASSERT_EQ(inverted.samples.size(), mono.samples.size());
  EXPECT_NEAR(rms(inverted.samples), rms(mono.samples), 0.01 * rms(mono.samples));  // was ~0
}

TEST(downmixAudio, keepsTheSignOfUnrelatedChannels) {
  // Left: 440 Hz; right: 1 kHz. Neither is the other inverted: both stay.
  std::vector<float> stereo(2 * 16000);
  for (std::size_t i = 0; i < 16000; ++i) {
    const double t = static_cast<double>(i) / 16000;
    stereo[2 * i] = static_cast<float>(0.4 * std::sin(2 * std::numbers::pi * 440 * t));
    stereo[2 * i + 1] = static_cast<float>(0.4 * std::sin(2 * std::numbers::pi * 1000 * t));
  }
  const auto audio = decode_raw(std::as_bytes(std::span(stereo)), {PcmEncoding::F32LE, 16000, 2}, AudioSettings{});
  EXPECT_NEAR(fit_sine(audio.samples, 440.0, 8000, 8000).amplitude, 0.2, 0.002);
  EXPECT_NEAR(fit_sine(audio.samples, 1000.0, 8000, 8000).amplitude, 0.2, 0.002);
}

// What a cheap microphone adds below the voice: a constant offset and mains hum.
TEST(decodeAudio, removesDcOffsetAndDampsMainsHum) {
  for (const int rate : {16000, 44100}) {
    std::vector<float> in(static_cast<std::size_t>(rate) * 2);
    for (std::size_t i = 0; i < in.size(); ++i) {
      const double t = static_cast<double>(i) / rate;
      in[i] = static_cast<float>(0.15 + 0.1 * std::sin(2 * std::numbers::pi * 50 * t) +
                                 0.3 * std::sin(2 * std::numbers::pi * 1000 * t));
    }
    const DecodedAudio audio = decode_raw(std::as_bytes(std::span(in)), RawFormat{PcmEncoding::F32LE, rate, 1},
                                          AudioSettings{});
    // The second second, once the filter has settled (its time constant is ~5 ms).
    const std::size_t first = 16000, count = 16000;
    double mean = 0;
    for (std::size_t i = first; i < first + count; ++i) mean += audio.samples[i];
    mean /= count;
    EXPECT_LT(std::abs(mean), 1e-3) << rate;
    EXPECT_LT(fit_sine(audio.samples, 50.0, first, count).amplitude, 0.1 * 0.27) << rate;  // -12 dB
    EXPECT_NEAR(fit_sine(audio.samples, 1000.0, first, count).amplitude, 0.3, 0.001) << rate;
  }
}

std::vector<float> sine_samples(double hz, double amplitude, int rate, double seconds) {
  std::vector<float> x(static_cast<std::size_t>(rate * seconds));
  for (std::size_t i = 0; i < x.size(); ++i)
    x[i] = static_cast<float>(amplitude * std::sin(2 * std::numbers::pi * hz * static_cast<double>(i) / rate));
  return x;
}

DecodedAudio decode_f32(const std::vector<float>& x, int rate) {
  return decode_raw(std::as_bytes(std::span(x)), RawFormat{PcmEncoding::F32LE, rate, 1}, AudioSettings{});
}

// A voice recorded too loud: its peaks flattened at full scale.
TEST(decodeAudio, restoresPeaksClippedAtFullScale) {
  auto clipped = sine_samples(200, 1.6, 16000, 2);
  for (float& v : clipped) v = std::clamp(v, -1.0f, 1.0f);
  const DecodedAudio audio = decode_f32(clipped, 16000);
  const SineFit fit = fit_sine(audio.samples, 200.0, 8000, 16000);
  // Clipped, the 200 Hz component measures 1.2 and 0.15 is left over (harmonics).
  EXPECT_GT(fit.amplitude, 1.45);
  EXPECT_LT(fit.residual_rms, 0.05);
}

// The decoders replace NaN before declipping; declip itself must still end.
TEST(declip, passesOverNonFiniteSamples) {
  std::vector<float> x = {0.0f, 0.2f, 0.8f, 1.0f, 1.0f, 1.0f, 0.8f, 0.2f};
  x[0] = std::nanf("");
  detail::declip(x.data(), x.size());  // returns
  EXPECT_GT(x[4], 1.0f);               // the run after it is restored all the same
}

TEST(decodeAudio, leavesAPeakThatOnlyTouchesFullScaleAlone) {
  const DecodedAudio audio = decode_f32(sine_samples(200, 0.9995, 16000, 2), 16000);
  EXPECT_NEAR(fit_sine(audio.samples, 200.0, 8000, 16000).amplitude, 0.9995, 0.002);
}

// Finite but absurd: two channels at 2e38 sum to infinity in the downmix. It
// must cost one sample, not leave the filter's state NaN for the rest of the input.
TEST(decodeAudio, aSampleNoRecordingHoldsCostsOneSampleNotTheRest) {
  const int rate = 16000;
  std::vector<float> clean(2 * rate * 2);  // 2 s stereo
  for (std::size_t i = 0; i < clean.size() / 2; ++i) {
    const float v = static_cast<float>(0.3 * std::sin(2 * std::numbers::pi * 440 * static_cast<double>(i) / rate));
    clean[2 * i] = clean[2 * i + 1] = v;
  }
  std::vector<float> spiked = clean;
  spiked[2 * 8000] = spiked[2 * 8000 + 1] = 2e38f;
  const RawFormat stereo{PcmEncoding::F32LE, rate, 2};
  const auto a = decode_raw(std::as_bytes(std::span(clean)), stereo, AudioSettings{});
  const auto b = decode_raw(std::as_bytes(std::span(spiked)), stereo, AudioSettings{});
  ASSERT_EQ(a.samples.size(), b.samples.size());
  for (float x : b.samples) ASSERT_TRUE(std::isfinite(x));
  // Half a second later the filter has forgotten it.
  for (std::size_t i = 16000; i < a.samples.size(); ++i) ASSERT_NEAR(a.samples[i], b.samples[i], 1e-3) << i;
}

}  // namespace
}  // namespace facecast::audio::test
