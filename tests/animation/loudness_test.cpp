#include <gtest/gtest.h>

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
