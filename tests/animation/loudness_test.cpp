#include <gtest/gtest.h>

#include <cstdio>

#include "animation/face_synth.h"
#include "animation/loudness.h"
#include "synthetic_speech.h"

using namespace facecast;
using namespace facecast::animation;
using namespace facecast::testing;

namespace {

// Quiet "ta ta ta", then a loud "ta" (segment 7), then a quiet one (segment 9).
SpeechTimeline two_vowels() {
  return timeline({{"SIL", 0.3}, {"AA", 0.25}, {"T", 0.08}, {"AA", 0.25}, {"T", 0.08}, {"AA", 0.25},
                   {"T", 0.08}, {"AA", 0.25}, {"T", 0.08}, {"AA", 0.25}, {"SIL", 0.3}});
}

double middle(const SpeechTimeline& t, std::size_t i) { return 0.5 * (t.phones[i].start + t.phones[i].end); }

}  // namespace

TEST(faceSynth, louderAudioOpensTheJawMore) {
  const auto t = two_vowels();
  // One vowel is 4x (12 dB) louder than the others.
  const auto frames = synthesize(t, sine_speech(t, 0.05f, {7}, 4.0f), settings_at(100));
  const float quiet = frames[frame_at(middle(t, 9), 100)].blendshapes[jawOpen];
  const float loud = frames[frame_at(middle(t, 7), 100)].blendshapes[jawOpen];
  EXPECT_GT(loud, quiet + 0.1f) << "quiet " << quiet << " loud " << loud;
}

TEST(faceSynth, loudnessStrengthZeroIgnoresLoudness) {
  const auto t = two_vowels();
  FaceSettings s = settings_at(100);
  s.loudness_strength = 0;
  const auto frames = synthesize(t, sine_speech(t, 0.05f, {7}, 4.0f), s);
  EXPECT_FLOAT_EQ(frames[frame_at(middle(t, 9), 100)].blendshapes[jawOpen],
                  frames[frame_at(middle(t, 7), 100)].blendshapes[jawOpen]);
}

TEST(faceSynth, recordingLevelDoesNotMatter) {
  const auto t = two_vowels();
  const auto loud = sine_speech(t, 0.3f, {7}, 2.0f);
  std::vector<float> quiet(loud);
  for (float& x : quiet) x *= 0.05f;  // -26 dB
  const auto a = synthesize(t, loud, settings_at(30));
  const auto b = synthesize(t, quiet, settings_at(30));
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i)
    EXPECT_NEAR(a[i].blendshapes[jawOpen], b[i].blendshapes[jawOpen], 0.03f) << "frame " << i;
}

// Ten "ta"s, the first five 14 dB quieter than the rest (a soft opening).
// Judged as heard, the opening is the only level known and gets a full jaw;
// a file is judged against its whole level, so the opening's jaw is smaller.
TEST(faceSynth, aQuietOpeningOfAFileOpensTheJawLess) {
  std::vector<Timed> phones{{"SIL", 0.3}};
  for (int k = 0; k < 10; ++k) phones.insert(phones.end(), {{"AA", 0.25}, {"T", 0.08}});
  phones.push_back({"SIL", 0.3});
  SpeechTimeline t;
  double at = 0;
  for (const auto& p : phones) {
    t.phones.push_back({p.phone, at, at + p.seconds});
    at += p.seconds;
  }
  std::vector<std::size_t> loud;
  for (std::size_t i = 11; i < t.phones.size(); ++i) loud.push_back(i);
  const auto pcm = sine_speech(t, 0.04f, loud, 5.0f);
  auto jaw_ratio = [&](const std::vector<FaceFrame>& frames) {
    double quiet = 0, loud_sum = 0;
    for (std::size_t v = 1; v < 20; v += 2) (v < 11 ? quiet : loud_sum) += frames[frame_at(middle(t, v), 100)].blendshapes[jawOpen];
    return quiet / loud_sum;
  };
  const double as_heard = jaw_ratio(synthesize_as_heard(t, pcm, settings_at(100)));
  const double file = jaw_ratio(synthesize(t, pcm, settings_at(100)));
  std::printf("jaw of the quiet opening / of the loud rest: file %.2f, as heard %.2f\n", file, as_heard);
  EXPECT_LT(file, 0.75);
  EXPECT_LT(file, as_heard - 0.15);
}

// The preview changes the loudness reference and nothing else.
TEST(faceSynth, aFileDiffersFromTheStreamOnlyInLoudness) {
  const auto t = random_speech(5, 20);
  FaceSettings s = settings_at(30);
  s.loudness_strength = 0;
  const auto pcm = sine_speech(t);
  const auto file = synthesize(t, pcm, s), stream = synthesize_as_heard(t, pcm, s);
  ASSERT_EQ(file.size(), stream.size());
  for (std::size_t i = 0; i < file.size(); ++i) ASSERT_EQ(file[i].blendshapes, stream[i].blendshapes) << i;
}

TEST(loudnessTracker, isNeutralWithoutAudio) {
  LoudnessTracker tracker;
  tracker.finish();
  EXPECT_FLOAT_EQ(tracker.gain_at(0.5, 1.0), 1.0f);
}

TEST(loudnessTracker, waitsForAudioPastTheFrame) {
  LoudnessTracker tracker;
  std::vector<float> pcm(1600, 0.1f);  // 100 ms
  tracker.push(pcm);
  EXPECT_TRUE(tracker.ready_for(0.05));
  EXPECT_FALSE(tracker.ready_for(0.09));
  tracker.finish();
  EXPECT_TRUE(tracker.ready_for(0.09));
}

TEST(loudnessTracker, holdsBoundedAudioAtStrengthZero) {
  // A live stream at loudness_strength 0 for an hour, in 100 ms pushes.
  LoudnessTracker tracker;
  std::vector<float> pcm(1600, 0.1f);
  float gain = 0;
  for (int push = 0; push < 36000; ++push) {
    tracker.push(pcm);
    gain = tracker.gain_at(push * 0.1, 0.0);
  }
  EXPECT_FLOAT_EQ(gain, 1.0f);
  EXPECT_LT(tracker.held_hops(), 5000u);  // was every hop heard: 360,000
  // Raised later, the strength finds the hour already in the reference: the
  // same level reads as the reference level.
  EXPECT_NEAR(tracker.gain_at(3599.9, 1.0), 1.0f, 0.05f);
}
