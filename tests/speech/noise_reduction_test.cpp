// Steady background noise taken out of what the decoders hear: real speech from
// pocketsphinx-testdata with white noise mixed in here (fixed seed).
#include "speech/noise_reduction.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <sstream>

#include "speech/espeak_speech.h"
#include "speech/speech_audio.h"
#include "speech/timeline_checks.h"

namespace facecast::speech {
namespace {

using namespace facecast::testing;

std::vector<std::string> split(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

// Transcript words found, in order, among the recognised ones (longest common subsequence).
int words_in_order(const std::vector<std::string>& truth, const std::vector<std::string>& heard) {
  std::vector<std::vector<int>> d(truth.size() + 1, std::vector<int>(heard.size() + 1, 0));
  for (std::size_t i = 0; i < truth.size(); ++i)
    for (std::size_t j = 0; j < heard.size(); ++j)
      d[i + 1][j + 1] = truth[i] == heard[j] ? d[i][j] + 1 : std::max(d[i][j + 1], d[i + 1][j]);
  return d[truth.size()][heard.size()];
}

TEST(measureBackgroundNoise, findsNoneInCleanRecordings) {
  EXPECT_FALSE(measure_background_noise(goforward()));
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(measure_background_noise(librivox(i))) << i;
}

TEST(measureBackgroundNoise, findsNoneInSyntheticSpeechWithSilentPauses) {
  // Its pauses are digital zeros and its quietest frames are weak consonants:
  // taken for noise, they were cut (espeak align 95 -> 84 %).
  const auto passage = espeak_passage({"Peter picked a bucket of purple plums.", "The quick brown fox jumps."},
                                      "en-us", 140, {0.5});
  EXPECT_FALSE(measure_background_noise(passage.pcm16k));
}

TEST(removeBackgroundNoise, quietensThePausesAndKeepsTheSpeech) {
  const auto clean = goforward();
  const auto noisy = with_noise(clean, 20, 7);
  const auto noise = measure_background_noise(noisy);
  ASSERT_TRUE(noise);
  EXPECT_FLOAT_EQ(noise->min_gain, 0.2f);  // 20 dB: full strength
  std::vector<float> out;
  remove_background_noise(noisy, *noise, out);
  ASSERT_EQ(out.size(), noisy.size());
  // The leading pause (speech starts after ~0.45 s).
  const auto pause = [](std::span<const float> x) { return x.subspan(1600, 4000); };
  EXPECT_LT(20 * std::log10(rms(pause(out)) / rms(pause(noisy))), -10.0);
  // "go forward": its level stays within 2 dB.
  const auto words = [](std::span<const float> x) { return x.subspan(8000, 8000); };
  EXPECT_NEAR(20 * std::log10(rms(words(out)) / rms(words(clean))), 0.0, 2.0);
}

TEST(analyze, recognisesMoreWordsInSteadyNoise) {
  // The five librivox clips with white noise 20 dB below their level: 31 of the
  // 71 transcript words were recognised before the noise was taken out, 44 after.
  int found = 0, total = 0;
  for (int i = 0; i < 5; ++i) {
    const auto t = shared_analyzer().analyze(with_noise(librivox(i), 20, 100 + i), "", SpeechMode::Recognize);
    const auto truth = split(librivox_transcript(i));
    found += words_in_order(truth, word_list(t));
    total += static_cast<int>(truth.size());
  }
  EXPECT_GE(static_cast<double>(found) / total, 0.55) << found << " of " << total;
}

}  // namespace
}  // namespace facecast::speech
