// The shapes the lips must get right: closure, opening, rounding, F/V, rest.
#include <gtest/gtest.h>

#include "animation/face_synth.h"
#include "animation/metrics.h"
#include "synthetic_speech.h"

using namespace facecast;
using namespace facecast::animation;
using namespace facecast::testing;

namespace {

FaceFrame middle_of(const SpeechTimeline& t, std::size_t segment, int fps) {
  const auto frames = synthesize(t, sine_speech(t), settings_at(fps));
  const auto& p = t.phones[segment];
  return frames.at(frame_at(0.5 * (p.start + p.end), fps));
}

}  // namespace

TEST(faceSynth, bilabialsCloseTheLipsEvenWhenShort) {
  for (const char* bilabial : {"P", "B", "M"}) {
    for (double seconds : {0.03, 0.08}) {
      for (int fps : {30, 60, 100}) {
        // Wide-open vowels around it: the closure must not be blended away.
        const auto t = timeline({{"SIL", 0.3}, {"AA", 0.12}, {bilabial, seconds}, {"AA", 0.15}, {"SIL", 0.3}});
        const FaceFrame f = middle_of(t, 2, fps);
        EXPECT_TRUE(lips_closed(f)) << bilabial << " " << seconds << " s at " << fps
                                    << " fps: aperture " << lip_aperture(f);
        EXPECT_GT(f.blendshapes[mouthPressLeft], 0.1f);
        EXPECT_NEAR(f.blendshapes[mouthClose], f.blendshapes[jawOpen], 0.01f);
        EXPECT_LT(f.blendshapes[jawOpen], 0.3f);
      }
    }
  }
}

TEST(faceSynth, lipsReopenQuicklyAfterABilabial) {
  const auto t = timeline({{"SIL", 0.3}, {"AA", 0.15}, {"P", 0.08}, {"AA", 0.2}, {"SIL", 0.3}});
  const auto frames = synthesize(t, sine_speech(t), settings_at(100));
  const double release = t.phones[2].end;
  EXPECT_FALSE(lips_closed(frames[frame_at(release + 0.03, 100)]));
  EXPECT_GT(lip_aperture(frames[frame_at(release + 0.06, 100)]), 0.2f);
}

TEST(faceSynth, aaOpensTheJawWidely) {
  const auto t = timeline({{"SIL", 0.3}, {"HH", 0.06}, {"AA", 0.2}, {"T", 0.06}, {"SIL", 0.3}});
  const FaceFrame f = middle_of(t, 2, 30);
  EXPECT_GT(f.blendshapes[jawOpen], 0.45f);
  EXPECT_GT(lip_aperture(f), 0.4f);
  EXPECT_LT(f.blendshapes[mouthClose], 0.05f);
}

TEST(faceSynth, uwRoundsTheLips) {
  const auto t = timeline({{"SIL", 0.3}, {"T", 0.06}, {"UW", 0.2}, {"D", 0.06}, {"SIL", 0.3}});
  const FaceFrame f = middle_of(t, 2, 30);
  EXPECT_GT(f.blendshapes[mouthPucker], 0.5f);
  EXPECT_GT(f.blendshapes[mouthFunnel], 0.2f);
  EXPECT_FALSE(lips_closed(f));
}

TEST(faceSynth, iySpreadsTheLipsWithoutRounding) {
  const auto t = timeline({{"SIL", 0.3}, {"S", 0.06}, {"IY", 0.2}, {"D", 0.06}, {"SIL", 0.3}});
  const FaceFrame f = middle_of(t, 2, 30);
  EXPECT_GT(f.blendshapes[mouthStretchLeft], 0.3f);
  EXPECT_LT(f.blendshapes[mouthPucker], 0.05f);
}

TEST(faceSynth, fAndVTuckTheLowerLipWithoutClosing) {
  for (const char* p : {"F", "V"}) {
    const auto t = timeline({{"SIL", 0.3}, {"AA", 0.12}, {p, 0.1}, {"AA", 0.12}, {"SIL", 0.3}});
    const FaceFrame f = middle_of(t, 2, 30);
    EXPECT_GT(f.blendshapes[mouthRollLower], 0.3f) << p;
    EXPECT_GT(f.blendshapes[mouthUpperUpLeft], 0.1f) << p;
    EXPECT_FALSE(lips_closed(f)) << p << ": F/V must not count as a bilabial closure";
  }
}

TEST(faceSynth, thShowsTheTongue) {
  const auto t = timeline({{"SIL", 0.3}, {"TH", 0.1}, {"IH", 0.12}, {"SIL", 0.3}});
  EXPECT_GT(middle_of(t, 1, 30).blendshapes[tongueOut], 0.3f);
}

TEST(faceSynth, mouthRestsInSilence) {
  const auto t = timeline({{"SIL", 0.4}, {"AA", 0.15}, {"M", 0.06}, {"AA", 0.15}, {"SIL", 0.25},
                           {"OW", 0.2}, {"SIL", 0.5}});
  const auto frames = synthesize(t, sine_speech(t), settings_at(100));
  for (std::size_t s : {0u, 4u, 6u}) {
    const auto& p = t.phones[s];
    const FaceFrame& f = frames[frame_at(0.5 * (p.start + p.end), 100)];
    EXPECT_TRUE(mouth_at_rest(f)) << "silence " << s << " aperture " << lip_aperture(f);
  }
  EXPECT_TRUE(mouth_at_rest(frames.back()));
  EXPECT_TRUE(mouth_at_rest(frames.front()));
}

TEST(faceSynth, shortPausesDoNotSnapTheMouthShut) {
  // A 60 ms breath between two open vowels stays partly open (no pop).
  const auto t = timeline({{"SIL", 0.3}, {"AA", 0.15}, {"SIL", 0.06}, {"AA", 0.15}, {"SIL", 0.3}});
  const auto frames = synthesize(t, sine_speech(t), settings_at(100));
  EXPECT_FALSE(lips_closed(frames[frame_at(0.48, 100)]));
}

TEST(faceSynth, mouthRestsFrom20msIntoALongPauseUntil20msBeforeSpeech) {
  // Wide-open vowels on both sides: the hardest case for closing and opening.
  const auto t = timeline({{"SIL", 0.3}, {"AA", 0.25}, {"SIL", 0.2}, {"AA", 0.2}, {"SIL", 0.4}});
  for (int fps : {30, 100}) {
    const auto frames = synthesize(t, sine_speech(t), settings_at(fps));
    const auto& pause = t.phones[2];
    for (std::size_t i = 0; i < frames.size(); ++i) {
      const double at = static_cast<double>(i) / fps;
      if (at >= pause.start + 0.02 && at <= pause.end - 0.02) {
        EXPECT_TRUE(mouth_at_rest(frames[i])) << "fps " << fps << " at " << at << " jaw " << frames[i].blendshapes[jawOpen];
      }
    }
    EXPECT_GT(frames[frame_at(0.42, fps)].blendshapes[jawOpen], 0.3f) << "the vowel itself stays open";
  }
}

TEST(faceSynth, bilabialAtAPauseEdgeStillClosesAndVisemesStayTruthful) {
  const auto t = timeline({{"SIL", 0.3}, {"AA", 0.2}, {"M", 0.05}, {"SIL", 0.3}, {"B", 0.05}, {"AA", 0.2}, {"SIL", 0.3}});
  const auto frames = synthesize(t, sine_speech(t), settings_at(100));
  for (std::size_t s : {2u, 4u}) {
    const auto& p = t.phones[s];
    const auto& f = frames[frame_at(0.5 * (p.start + p.end), 100)];
    EXPECT_TRUE(lips_closed(f)) << p.phone;
    EXPECT_EQ(std::max_element(f.visemes.begin(), f.visemes.end()) - f.visemes.begin(), PP) << p.phone;
  }
  const auto& mid = frames[frame_at(0.65, 100)];
  EXPECT_EQ(std::max_element(mid.visemes.begin(), mid.visemes.end()) - mid.visemes.begin(), sil);
}
