// Face-life behaviour on controlled inputs: a voice-like buzz whose pitch we
// set, over a phone timeline, so each prosodic cue can be tested on its own.
// (Statistics on real speech: tests/engine/face_life_test.cpp.)
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "animation/face_synth.h"
#include "core/error.h"
#include "synthetic_speech.h"

using namespace facecast;
using namespace facecast::testing;
using animation::synthesize;

namespace {

// A buzz (fundamental + harmonics) from `start` to `end` seconds whose pitch
// moves linearly from f_from to f_to over its last `glide` seconds; silence elsewhere.
std::vector<float> buzz(double total, double start, double end, double f_steady, double f_final, double glide) {
  std::vector<float> pcm(static_cast<std::size_t>(total * 16000));
  double phase = 0;
  for (std::size_t i = 0; i < pcm.size(); ++i) {
    const double t = i / 16000.0;
    if (t < start || t >= end) continue;
    const double x = std::clamp((t - (end - glide)) / glide, 0.0, 1.0);
    phase += 2 * M_PI * (f_steady + x * (f_final - f_steady)) / 16000;
    pcm[i] = 0.2f * static_cast<float>(0.6 * std::sin(phase) + 0.3 * std::sin(2 * phase) + 0.1 * std::sin(3 * phase));
  }
  return pcm;
}

// Largest |roll| within `seconds` after time `from`.
float max_roll(const std::vector<FaceFrame>& frames, int fps, double from, double seconds) {
  float most = 0;
  for (std::size_t i = frame_at(from, fps); i < std::min(frames.size(), frame_at(from + seconds, fps)); ++i)
    most = std::max(most, std::fabs(frames[i].head_rotation[2]));
  return most;
}

}  // namespace

TEST(faceLife, aRisingPhraseEndTiltsTheHeadAFallingOneDoesNot) {
  const auto t = timeline({{"SIL", 0.3}, {"AA", 1.6}, {"SIL", 2.1}});
  for (const int fps : {24, 30, 120}) {
    FaceSettings settings = settings_at(fps);
    int tilted = 0;
    for (unsigned seed = 0; seed < 6; ++seed) {
      settings.seed = seed;
      const auto question = synthesize(t, buzz(4.0, 0.3, 1.9, 120, 190, 0.5), settings);
      const auto statement = synthesize(t, buzz(4.0, 0.3, 1.9, 120, 95, 0.5), settings);
      const float q = max_roll(question, fps, 2.2, 1.2), s = max_roll(statement, fps, 2.2, 1.2);
      EXPECT_LT(s, 1.5f) << "seed " << seed << ", " << fps << " fps";
      tilted += q > 2.0f && q > s + 1.0f;
    }
    EXPECT_EQ(tilted, 6) << fps << " fps";
  }
}

TEST(faceLife, aPitchAccentRaisesTheBrowsAndNods) {
  // Steady voice, then a jump of 5 semitones at 1.5 s.
  const auto t = timeline({{"SIL", 0.3}, {"AA", 2.2}, {"SIL", 0.5}});
  auto pcm = buzz(3.0, 0.3, 1.5, 120, 120, 0.1);
  const auto high = buzz(3.0, 1.5, 2.5, 160, 160, 0.1);
  for (std::size_t i = 0; i < pcm.size(); ++i) pcm[i] += high[i];
  FaceSettings still = settings_at(30);
  still.gaze_strength = 0;
  const auto frames = synthesize(t, pcm, still);
  auto brow_peak = [&](double from, double to) {
    float most = 0;
    for (std::size_t i = frame_at(from, 30); i < frame_at(to, 30); ++i) most = std::max(most, frames[i].blendshapes[browInnerUp]);
    return most;
  };
  EXPECT_GT(brow_peak(1.5, 2.0), brow_peak(1.0, 1.5) + 0.1);
  float lowest_pitch = 0;
  for (std::size_t i = frame_at(1.5, 30); i < frame_at(2.0, 30); ++i)
    lowest_pitch = std::min(lowest_pitch, frames[i].head_rotation[0] - frames[frame_at(1.5, 30)].head_rotation[0]);
  EXPECT_LT(lowest_pitch, -0.5f) << "no nod after the accent";
}

// A 30 ms loud syllable (+6 dB, hops 151-153) between two frames at 24 fps
// (their hops 150 and 154): accents are judged on every 10 ms hop, so every
// frame rate raises the brows for it (24 fps did not, 60 fps did).
TEST(faceLife, aShortAccentBetweenTwoFramesRaisesTheBrowsAtEveryFrameRate) {
  const auto t = timeline({{"SIL", 0.3}, {"AA", 2.2}, {"SIL", 0.5}});
  auto pcm = buzz(3.0, 0.3, 2.5, 120, 120, 0.1);
  for (std::size_t i = 1.51 * 16000; i < 1.54 * 16000; ++i) pcm[i] *= 2.0f;
  for (const int fps : {24, 30, 60}) {
    FaceSettings still = settings_at(fps);
    still.gaze_strength = 0;
    const auto frames = synthesize(t, pcm, still);
    auto brow_peak = [&](double from, double to) {
      float most = 0;
      for (std::size_t i = frame_at(from, fps); i < frame_at(to, fps); ++i)
        most = std::max(most, frames[i].blendshapes[browInnerUp]);
      return most;
    };
    EXPECT_GT(brow_peak(1.5, 2.0), brow_peak(1.0, 1.5) + 0.1) << fps << " fps";
  }
}

TEST(faceLife, idleSilenceStillBlinksAndBreathes) {
  const auto t = timeline({{"SIL", 20.0}});
  const auto frames = synthesize(t, std::vector<float>(20 * 16000, 0.0f), settings_at(30));
  int blinks = 0;
  float lo = 1e9f, hi = -1e9f;
  for (std::size_t i = 1; i < frames.size(); ++i) {
    blinks += frames[i].blendshapes[eyeBlinkLeft] > 0.5f && frames[i - 1].blendshapes[eyeBlinkLeft] <= 0.5f;
    lo = std::min(lo, frames[i].head_rotation[0]);
    hi = std::max(hi, frames[i].head_rotation[0]);
  }
  EXPECT_GE(blinks, 2);
  EXPECT_LE(blinks, 10);
  EXPECT_GT(hi - lo, 0.4f) << "the head is frozen";
  EXPECT_LT(hi - lo, 6.0f) << "too much motion for silence";
}

// Batches of short clips: each should not open with a blink. The first blink
// was due 0.3-2.5 s in and gathered at the first phrase start, so 18 of 20
// seeds blinked within the first 0.8 s of a clip whose speech starts at 0.3 s.
// A clip starts at a random point of the blink cycle, like any other moment.
TEST(faceLife, clipsDoNotAllOpenWithABlink) {
  const auto t = timeline({{"SIL", 0.3}, {"AA", 2.2}, {"SIL", 0.5}});
  const auto pcm = buzz(3.0, 0.3, 2.5, 120, 120, 0.1);
  int early = 0, seeds = 40;
  for (int seed = 0; seed < seeds; ++seed) {
    FaceSettings settings = settings_at(30);
    settings.seed = static_cast<unsigned>(seed);
    const auto frames = synthesize(t, pcm, settings);
    for (std::size_t i = 0; i < frame_at(0.8, 30); ++i)
      if (frames[i].blendshapes[eyeBlinkLeft] > 0.5f) {
        ++early;
        break;
      }
  }
  std::printf("%d of %d clips blink in their first 0.8 s\n", early, seeds);
  EXPECT_LE(early, seeds / 2);
  EXPECT_GE(early, 2) << "a phrase start still gathers blinks";
}

TEST(faceLife, configureMidwayEasesInAndChangesOnlyLaterFrames) {
  const auto t = timeline({{"SIL", 0.3}, {"AA", 2.0}, {"SIL", 0.3}});
  const auto pcm = buzz(2.6, 0.3, 2.3, 120, 120, 0.1);
  animation::FaceSynth synth(settings_at(30));
  // The first second of audio and phones, as a live stream would send it.
  synth.push_audio(std::span(pcm).first(16000));
  synth.push_phones(std::span(t.phones).first(1), 0.3);
  synth.push_tentative_phones(std::vector<PhoneSegment>{{"AA", 0.3, 1.0}}, 1.0);
  std::vector<FaceFrame> frames;
  synth.pull(frames);
  const std::size_t before = frames.size();
  ASSERT_GT(before, 20u);
  FaceSettings joyful = settings_at(30);
  at(joyful.emotion, Emotion::Joy) = 1;
  synth.configure(joyful);
  synth.push_audio(std::span(pcm).subspan(16000));
  synth.push_phones(std::span(t.phones).subspan(1), timeline_end(t));
  synth.finish();
  synth.pull(frames);
  const auto plain = synthesize_as_heard(t, pcm, settings_at(30));
  ASSERT_EQ(frames.size(), plain.size());
  for (std::size_t i = 0; i < before; ++i) ASSERT_EQ(frames[i].blendshapes, plain[i].blendshapes) << i;
  // Eases in over EmotionTrack::kChangeBlend (0.3 s), then holds.
  EXPECT_LT(frames[before].blendshapes[cheekSquintLeft], 0.1f);
  EXPECT_GT(frames[before + 12].blendshapes[cheekSquintLeft], 0.45f);
  FaceSettings other_fps = settings_at(60);
  EXPECT_THROW(synth.configure(other_fps), Error);
}
