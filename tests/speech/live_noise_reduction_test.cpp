// The live stream's background-noise reduction on real speech from
// pocketsphinx-testdata, with white noise mixed in here (fixed seed).
#include "speech/live_noise_reduction.h"

#include <gtest/gtest.h>

#include <cmath>

#include "speech/speech_audio.h"

namespace facecast::speech {
namespace {

using namespace facecast::testing;

constexpr size_t kSecond = 16000;

// Pushes `audio` in 10 ms frames: `pause` samples from the start are a pause,
// the rest speech; returns the cleaned audio, read as it comes (only the last
// kKeptSamples are kept) and flushed at the end, as long as the input.
std::vector<float> clean_live(LiveNoiseReduction& reduction, const std::vector<float>& audio, size_t pause) {
  std::vector<float> out;
  for (size_t i = 0; i < audio.size(); i += 160) {
    const size_t n = std::min<size_t>(160, audio.size() - i);
    reduction.push(std::span(audio).subspan(i, n), i + n <= pause ? HeardAs::pause : HeardAs::speech);
    EXPECT_LE(reduction.pushed() - reduction.cleaned_until(), LiveNoiseReduction::kMaxDelaySamples);
    reduction.append_cleaned(out.size(), reduction.cleaned_until(), out);
  }
  reduction.flush();
  reduction.append_cleaned(out.size(), audio.size(), out);
  return out;
}

// `lead` of silence (then noise is mixed over everything), the clip, 1 s of silence.
std::vector<float> noisy_clip(double lead_s, double snr_db) {
  const auto clip = goforward();
  std::vector<float> audio(static_cast<size_t>(lead_s * kSecond), 0.0f);
  audio.insert(audio.end(), clip.begin(), clip.end());
  audio.insert(audio.end(), kSecond, 0.0f);
  return with_noise(audio, snr_db, 11, rms(clip));
}

TEST(liveNoiseReduction, leavesACleanRecordingAsItWas) {
  // goforward's own background lies ~40 dB under its speech: nothing to take out.
  const auto audio = goforward();
  LiveNoiseReduction reduction;
  const auto out = clean_live(reduction, audio, 6000);
  EXPECT_FALSE(reduction.floor());
  double worst = 0;
  ASSERT_EQ(out.size(), audio.size());
  for (size_t i = 0; i < audio.size(); ++i) worst = std::max(worst, std::abs(static_cast<double>(out[i] - audio[i])));
  EXPECT_LT(worst, 1e-5);
}

TEST(liveNoiseReduction, takesOutABackgroundHeardBeforeTheWords) {
  const auto audio = noisy_clip(1.0, 20);
  LiveNoiseReduction reduction;
  const auto out = clean_live(reduction, audio, kSecond);
  ASSERT_TRUE(reduction.floor());
  EXPECT_FLOAT_EQ(*reduction.floor(), 0.2f);  // 20 dB down: full strength
  // The pause after the words (the noise alone), once cleaning has begun.
  const auto tail = [&](std::span<const float> x) { return x.subspan(x.size() - kSecond / 2, kSecond / 4); };
  EXPECT_LT(20 * std::log10(rms(tail(out)) / rms(tail(audio))), -10.0);
}

TEST(liveNoiseReduction, whatLedUpToTheWordsIsNotTakenForBackground) {
  // 0.3 s of pause: its last 256 ms may hold the onset (the stream's pre-roll,
  // a slow start), which leaves too little to measure.
  LiveNoiseReduction reduction;
  clean_live(reduction, noisy_clip(0.3, 20), kSecond * 3 / 10);
  EXPECT_FALSE(reduction.floor());
}

TEST(liveNoiseReduction, aGatedMicrophonesDigitalSilenceIsNoBackground) {
  auto audio = noisy_clip(1.0, 20);
  std::fill(audio.begin(), audio.begin() + kSecond, 0.0f);
  LiveNoiseReduction reduction;
  clean_live(reduction, audio, kSecond);
  EXPECT_FALSE(reduction.floor());
}

TEST(liveNoiseReduction, nonFiniteSamplesComeOutSilent) {
  auto audio = noisy_clip(1.0, 20);
  audio[kSecond / 2] = std::nanf("");
  audio[kSecond + 4000] = INFINITY;
  LiveNoiseReduction reduction;
  const auto out = clean_live(reduction, audio, kSecond);
  for (float x : out) ASSERT_TRUE(std::isfinite(x));
  EXPECT_TRUE(reduction.floor());
}

TEST(liveNoiseReduction, aQuietRoomIsNeverCleanedEvenDuringASoftOnset) {
  // A background 50 dB down is clean. Judged on the first 200 ms of speech, a
  // soft onset once made it look 25 dB down: cut at full strength (a review).
  const auto audio = noisy_clip(1.0, 50);
  LiveNoiseReduction reduction;
  for (size_t i = 0; i < audio.size(); i += 160) {
    const size_t n = std::min<size_t>(160, audio.size() - i);
    reduction.push(std::span(audio).subspan(i, n), i + n <= kSecond ? HeardAs::pause : HeardAs::speech);
    ASSERT_FALSE(reduction.floor()) << "at sample " << i;
  }
}

TEST(liveNoiseReduction, oneHugeSampleDoesNotSilenceTheRest) {
  // A float client may send any finite value; 1e20 once overflowed the power
  // spectrum and every cleaned sample after it was NaN.
  auto audio = noisy_clip(1.0, 20);
  audio[kSecond + 8000] = 1e20f;
  LiveNoiseReduction reduction;
  const auto out = clean_live(reduction, audio, kSecond);
  for (float x : out) ASSERT_TRUE(std::isfinite(x));
  EXPECT_TRUE(reduction.floor());
  const auto tail = [&](std::span<const float> x) { return x.subspan(x.size() - kSecond / 2, kSecond / 4); };
  EXPECT_LT(20 * std::log10(rms(tail(out)) / rms(tail(audio))), -10.0);
}

}  // namespace
}  // namespace facecast::speech
