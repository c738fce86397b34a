// Neighbours blend, rounding anticipates, nothing pops, everything stays in range.
#include <gtest/gtest.h>

#include <cmath>

#include "animation/face_synth.h"
#include "animation/metrics.h"
#include "synthetic_speech.h"

using namespace facecast;
using namespace facecast::animation;
using namespace facecast::testing;

TEST(faceSynth, roundingOfUwAnticipatesOverPrecedingConsonants) {
  // "s-t-uw" vs "s-t-iy": the lips start rounding during T when UW follows
  // (as far ahead as the live look-ahead of kLookaheadSeconds allows).
  const auto round = timeline({{"SIL", 0.3}, {"S", 0.08}, {"T", 0.05}, {"UW", 0.2}, {"SIL", 0.3}});
  const auto spread = timeline({{"SIL", 0.3}, {"S", 0.08}, {"T", 0.05}, {"IY", 0.2}, {"SIL", 0.3}});
  const auto fr = synthesize(round, sine_speech(round), settings_at(100));
  const auto fs = synthesize(spread, sine_speech(spread), settings_at(100));
  const double s_late = round.phones[2].end - 0.01;
  const double s_early = round.phones[3].start - kLookaheadSeconds - 0.01;
  const float pucker_late = fr[frame_at(s_late, 100)].blendshapes[mouthPucker];
  EXPECT_GT(pucker_late, 0.1f) << "pucker should already rise during T";
  EXPECT_GT(pucker_late, fr[frame_at(s_early, 100)].blendshapes[mouthPucker]);
  EXPECT_LT(fs[frame_at(s_late, 100)].blendshapes[mouthPucker], 0.02f);
  // And rising monotonically through T into UW.
  for (double t = round.phones[1].end; t < round.phones[3].start; t += 0.01)
    EXPECT_GE(fr[frame_at(t + 0.01, 100)].blendshapes[mouthPucker],
              fr[frame_at(t, 100)].blendshapes[mouthPucker] - 1e-6f);
}

TEST(faceSynth, neighboursBlendIntoConsonants) {
  // T between wide vowels keeps part of their jaw; T in silence does not.
  const auto open = timeline({{"SIL", 0.3}, {"AA", 0.12}, {"T", 0.06}, {"AA", 0.12}, {"SIL", 0.3}});
  const auto frames = synthesize(open, sine_speech(open), settings_at(100));
  const float jaw_between = frames[frame_at(0.45, 100)].blendshapes[jawOpen];
  EXPECT_GT(jaw_between, 0.2f);
  EXPECT_LT(jaw_between, frames[frame_at(0.36, 100)].blendshapes[jawOpen]);
}

TEST(faceSynth, veryShortVowelsDoNotFlashOpen) {
  const auto t = timeline({{"SIL", 0.3}, {"T", 0.08}, {"AA", 0.02}, {"T", 0.08}, {"SIL", 0.3}});
  const auto frames = synthesize(t, sine_speech(t), settings_at(100));
  float peak = 0;
  for (const auto& f : frames) peak = std::max(peak, f.blendshapes[jawOpen]);
  const auto full = timeline({{"SIL", 0.3}, {"T", 0.08}, {"AA", 0.2}, {"T", 0.08}, {"SIL", 0.3}});
  const auto full_frames = synthesize(full, sine_speech(full), settings_at(100));
  EXPECT_LT(peak, 0.7f * full_frames[frame_at(0.48, 100)].blendshapes[jawOpen]);
  EXPECT_GT(peak, 0.15f);  // but it does open a little
}

TEST(faceSynth, diphthongsGlideBetweenTwoTargets) {
  const auto t = timeline({{"SIL", 0.3}, {"AY", 0.3}, {"SIL", 0.3}});
  const auto frames = synthesize(t, sine_speech(t), settings_at(100));
  const auto& early = frames[frame_at(0.35, 100)].blendshapes;
  const auto& late = frames[frame_at(0.58, 100)].blendshapes;
  EXPECT_GT(early[jawOpen], late[jawOpen] + 0.1f);
  EXPECT_GT(late[mouthStretchLeft], early[mouthStretchLeft] + 0.1f);
}

TEST(faceSynth, everyWeightStaysInUnitRange) {
  FaceSettings extreme;
  extreme.fps = 120;
  extreme.lower_face_strength = 2;
  extreme.lip_open_offset = 0.2;
  extreme.loudness_strength = 2;
  extreme.smoothing = 2;
  FaceSettings minimal;
  minimal.lower_face_strength = 0;
  minimal.lip_open_offset = -0.2;
  minimal.smoothing = 0;
  for (const FaceSettings& s : {FaceSettings{}, extreme, minimal}) {
    const auto t = random_speech(7, 60);
    for (const auto& f : synthesize(t, sine_speech(t, 0.9f), s)) {
      for (float w : f.blendshapes) ASSERT_TRUE(w >= 0 && w <= 1) << w;
      for (float w : f.visemes) ASSERT_TRUE(w >= 0 && w <= 1) << w;
    }
  }
}

// The largest change of a weight between frames 10 ms apart at default
// settings. Articulators are velocity-limited (MotionLimiter::kMaxRate = 10/s,
// 0.10 per 10 ms, in speech; kRestRate = 18/s, 0.18 per 10 ms, into and out of
// a real pause); shapes tied to the lip seal move with the closure ramps of
// P/B/M (20-30 ms), the fastest real articulatory motion, and get more room.
constexpr float kMaxStepPer10ms = 0.185f;
constexpr float kMaxSealStepPer10ms = 0.35f;

bool tied_to_lip_seal(std::size_t b) {
  return b == mouthClose || b == mouthFunnel || b == mouthPressLeft || b == mouthPressRight ||
         b == mouthLowerDownLeft || b == mouthLowerDownRight || b == mouthUpperUpLeft || b == mouthUpperUpRight;
}

// Blinks close in 60-90 ms on purpose (tests/animation/face_life_test.cpp checks their shape).
bool is_blink(std::size_t b) {
  return b == eyeBlinkLeft || b == eyeBlinkRight || b == eyeWideLeft || b == eyeWideRight;
}

TEST(faceSynth, noWeightJumpsBetweenFrames) {
  for (std::uint32_t seed : {1u, 2u, 3u, 4u, 5u}) {
    const auto t = random_speech(seed, 80);
    const auto frames = synthesize(t, sine_speech(t), settings_at(100));
    for (std::size_t i = 1; i < frames.size(); ++i)
      for (std::size_t b = 0; b < kBlendshapeCount; ++b)
        if (!is_blink(b)) {
          ASSERT_LE(std::fabs(frames[i].blendshapes[b] - frames[i - 1].blendshapes[b]),
                    tied_to_lip_seal(b) ? kMaxSealStepPer10ms : kMaxStepPer10ms)
              << kBlendshapeNames[b] << " at frame " << i << " seed " << seed;
        }
  }
}

TEST(faceSynth, lowerFaceStrengthScalesMouthMotion) {
  const auto t = timeline({{"SIL", 0.3}, {"AA", 0.2}, {"SIL", 0.3}});
  FaceSettings weak = settings_at(30);
  weak.lower_face_strength = 0.5;
  const auto full = synthesize(t, sine_speech(t), settings_at(30));
  const auto half = synthesize(t, sine_speech(t), weak);
  const auto i = frame_at(0.4, 30);
  EXPECT_NEAR(half[i].blendshapes[jawOpen], 0.5f * full[i].blendshapes[jawOpen], 0.01f);
}

TEST(faceSynth, lipOpenOffsetOpensTheJawOnlyWhileSpeaking) {
  const auto t = timeline({{"SIL", 0.4}, {"EH", 0.2}, {"SIL", 0.4}});
  FaceSettings more = settings_at(30);
  more.lip_open_offset = 0.1;
  const auto base = synthesize(t, sine_speech(t), settings_at(30));
  const auto open = synthesize(t, sine_speech(t), more);
  EXPECT_NEAR(open[frame_at(0.5, 30)].blendshapes[jawOpen], base[frame_at(0.5, 30)].blendshapes[jawOpen] + 0.1f, 0.01f);
  EXPECT_TRUE(mouth_at_rest(open[frame_at(0.1, 30)]));
}

TEST(faceSynth, smoothingWidensCoarticulation) {
  const auto t = timeline({{"SIL", 0.3}, {"AA", 0.2}, {"SIL", 0.3}});
  FaceSettings raw = settings_at(100), wide = settings_at(100);
  raw.smoothing = 0;
  wide.smoothing = 2;
  const auto a = synthesize(t, sine_speech(t), raw);
  const auto b = synthesize(t, sine_speech(t), wide);
  const auto before = frame_at(0.28, 100);  // 20 ms before the vowel
  EXPECT_EQ(a[before].blendshapes[jawOpen], 0.0f);
  EXPECT_GT(b[before].blendshapes[jawOpen], 0.05f);
}
