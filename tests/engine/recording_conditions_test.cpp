// Real recorded speech degraded the way cheap set-ups degrade it: the engine
// must hear the same words. The recording is pocketsphinx-testdata's
// goforward.raw ("go forward ten meters"); the degradations are made here.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <numbers>

#include "audio/decode.h"
#include "engine/engine.h"
#include "engine/animation_words.h"
#include "support/fixtures.h"

using namespace facecast;
using facecast::testing::pocketsphinx_testdata;
using facecast::testing::words_of;

namespace {

const std::vector<std::string> kWords = {"go", "forward", "ten", "meters"};

std::vector<float> go_forward_samples() {
  std::ifstream in(pocketsphinx_testdata("goforward.raw"), std::ios::binary);
  const std::string bytes{std::istreambuf_iterator<char>(in), {}};
  std::vector<float> samples(bytes.size() / 2);
  for (std::size_t i = 0; i < samples.size(); ++i) {
    int16_t v;
    std::memcpy(&v, bytes.data() + 2 * i, 2);
    samples[i] = static_cast<float>(v) / 32768.0f;
  }
  return samples;
}

// Through the same decoding as an uploaded f32le stream, so the input stage runs.
audio::DecodedAudio as_input(const std::vector<float>& samples) {
  audio::RawFormat f32{audio::PcmEncoding::F32LE, 16000, 1};
  return audio::decode_raw(std::as_bytes(std::span(samples)), f32, AudioSettings{});
}

Engine& engine() {
  static Engine e{Settings{}};
  return e;
}

Animation recognize(const std::vector<float>& samples) {
  Settings s;
  s.speech.mode = SpeechMode::Recognize;
  return engine().animate(as_input(samples), "", s);
}

}  // namespace

TEST(recordingConditions, aDcOffsetDoesNotHideTheSpeech) {
  // A constant offset read as loud sound everywhere: the whole file became a pause.
  auto samples = go_forward_samples();
  const Animation clean = engine().animate(as_input(samples), "go forward ten meters", Settings{});
  for (float& x : samples) x += 0.15f;
  const Animation offset = engine().animate(as_input(samples), "go forward ten meters", Settings{});
  ASSERT_EQ(words_of(offset), kWords);
  for (std::size_t i = 0; i < kWords.size(); ++i) {
    EXPECT_NEAR(offset.speech.words[i].start, clean.speech.words[i].start, 0.03) << kWords[i];
    EXPECT_NEAR(offset.speech.words[i].end, clean.speech.words[i].end, 0.03) << kWords[i];
  }
  EXPECT_EQ(words_of(recognize(samples)), kWords);
}

TEST(recordingConditions, mainsHumDoesNotChangeTheWords) {
  auto samples = go_forward_samples();
  for (std::size_t i = 0; i < samples.size(); ++i) samples[i] += 0.05f * std::sin(2 * std::numbers::pi * 50 * static_cast<double>(i) / 16000.0);
  EXPECT_EQ(words_of(recognize(samples)), kWords);
}

TEST(recordingConditions, aVeryQuietRecordingIsRecognisedLikeALoudOne) {
  // 45 dB down the speech spans a few hundred 16-bit levels: it was heard as
  // "go forward and news" until the decoder's input was brought to full scale.
  auto samples = go_forward_samples();
  for (float& x : samples) x *= 0.0056f;
  EXPECT_EQ(words_of(recognize(samples)), kWords);
}

TEST(recordingConditions, aClippedRecordingIsRecognised) {
  auto samples = go_forward_samples();
  for (float& x : samples) x = std::clamp(x * 8.0f, -1.0f, 1.0f);  // +18 dB, clipped
  EXPECT_EQ(words_of(recognize(samples)), kWords);
}
