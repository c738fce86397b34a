#include <gtest/gtest.h>

#include "animation/face_synth.h"
#include "animation/metrics.h"
#include "synthetic_speech.h"

using namespace facecast;
using namespace facecast::animation;
using namespace facecast::testing;

TEST(lipAperture, isZeroWhenMouthCloseCancelsTheJaw) {
  FaceFrame f;
  EXPECT_EQ(lip_aperture(f), 0.0f);
  f.blendshapes[jawOpen] = 0.3f;
  f.blendshapes[mouthClose] = 0.3f;
  EXPECT_TRUE(lips_closed(f));
  f.blendshapes[mouthClose] = 0.0f;
  EXPECT_FALSE(lips_closed(f));
  EXPECT_NEAR(lip_aperture(f), 0.3f, 1e-6f);
}

TEST(lipAperture, countsLipsPulledApartAndRolledIn) {
  FaceFrame f;
  f.blendshapes[mouthLowerDownLeft] = f.blendshapes[mouthLowerDownRight] = 0.4f;
  EXPECT_NEAR(lip_aperture(f), 0.2f, 1e-6f);
  f.blendshapes[mouthRollLower] = 0.4f;
  EXPECT_NEAR(lip_aperture(f), 0.1f, 1e-6f);
}

TEST(mouthAtRest, needsClosedLipsAndNoShape) {
  FaceFrame f;
  EXPECT_TRUE(mouth_at_rest(f));
  f.blendshapes[mouthPucker] = 0.3f;
  EXPECT_FALSE(mouth_at_rest(f));
  f = FaceFrame{};
  f.blendshapes[jawOpen] = f.blendshapes[mouthClose] = 0.2f;  // sealed but jaw dropped
  EXPECT_TRUE(lips_closed(f));
  EXPECT_FALSE(mouth_at_rest(f));
}

TEST(scoreLipSync, synthesizedSpeechMeetsTheLipSyncTargets) {
  for (std::uint32_t seed : {21u, 22u, 23u}) {
    const auto t = random_speech(seed, 150);
    const auto frames = synthesize(t, sine_speech(t), settings_at(100));
    const auto s = score_lip_sync(frames, 100, t.phones);
    EXPECT_GT(s.steps, 1000u);
    EXPECT_EQ(s.viseme_exact, s.steps);  // never loses against the raw timeline
    EXPECT_EQ(s.viseme_tolerant, s.steps);
    EXPECT_GT(s.bilabials, 20u);
    EXPECT_EQ(s.bilabial_recall(), 1.0);
    EXPECT_GE(s.bilabial_precision(), 0.97);
    EXPECT_GT(s.long_silences, 5u);
    EXPECT_EQ(s.silence_rest(), 1.0);
  }
}

TEST(scoreLipSync, catchesAMouthThatNeverCloses) {
  const auto t = random_speech(24, 60);
  auto frames = synthesize(t, sine_speech(t), settings_at(100));
  for (auto& f : frames) {
    f.blendshapes[jawOpen] = 0.4f;
    f.blendshapes[mouthClose] = 0.0f;
  }
  const auto s = score_lip_sync(frames, 100, t.phones);
  EXPECT_EQ(s.bilabials_closed, 0u);
  EXPECT_EQ(s.long_silences_at_rest, 0u);
  EXPECT_EQ(s.closures, 0u);
}

TEST(scoreLipSync, countsClosuresAwayFromBilabialsAsFalse) {
  const auto t = timeline({{"SIL", 0.3}, {"AA", 0.2}, {"T", 0.1}, {"AA", 0.2}, {"SIL", 0.3}});
  auto frames = synthesize(t, sine_speech(t), settings_at(100));
  for (std::size_t i = 50; i < 60; ++i) frames[i].blendshapes[mouthClose] = frames[i].blendshapes[jawOpen];
  for (std::size_t i = 50; i < 60; ++i)
    frames[i].blendshapes[mouthLowerDownLeft] = frames[i].blendshapes[mouthLowerDownRight] =
        frames[i].blendshapes[mouthUpperUpLeft] = frames[i].blendshapes[mouthUpperUpRight] = 0;
  const auto s = score_lip_sync(frames, 100, t.phones);
  EXPECT_EQ(s.closures, 1u);
  EXPECT_EQ(s.closures_on_bilabials, 0u);
  EXPECT_EQ(s.bilabial_precision(), 0.0);
}
