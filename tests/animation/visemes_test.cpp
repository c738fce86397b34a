// The visemes array stays truthful for metrics: its argmax is the phone being
// spoken, so synthesis never loses frame accuracy against the raw timeline.
#include <gtest/gtest.h>

#include <algorithm>

#include "animation/face_synth.h"
#include "animation/metrics.h"
#include "synthetic_speech.h"

using namespace facecast;
using namespace facecast::animation;
using namespace facecast::testing;

namespace {

std::size_t argmax(const std::array<float, kVisemeCount>& v) {
  return static_cast<std::size_t>(std::max_element(v.begin(), v.end()) - v.begin());
}

Viseme raw_viseme_at(const SpeechTimeline& t, double time) {
  for (const auto& p : t.phones)
    if (time >= p.start && time < p.end) return viseme_of(*parse_phone(p.phone));
  return sil;
}

}  // namespace

TEST(faceSynth, argmaxVisemeIsThePhonesVisemeAtSegmentMiddles) {
  const auto t = random_speech(3, 80);
  const auto frames = synthesize(t, sine_speech(t), settings_at(100));
  for (const auto& p : t.phones) {
    const auto& f = frames[frame_at(0.5 * (p.start + p.end), 100)];
    EXPECT_EQ(argmax(f.visemes), viseme_of(*parse_phone(p.phone))) << p.phone << " at " << p.start;
  }
}

TEST(faceSynth, argmaxVisemeMatchesTheRawTimelineEveryFrame) {
  for (std::uint32_t seed : {1u, 2u}) {
    const auto t = random_speech(seed, 80);
    const auto frames = synthesize(t, sine_speech(t), settings_at(100));
    std::size_t agree = 0;
    for (std::size_t i = 0; i < frames.size(); ++i)
      agree += argmax(frames[i].visemes) == raw_viseme_at(t, i / 100.0);
    EXPECT_EQ(agree, frames.size());
  }
}

TEST(faceSynth, neighbouringVisemesShowBesideTheArgmax) {
  const auto t = timeline({{"SIL", 0.3}, {"AA", 0.1}, {"T", 0.06}, {"UW", 0.1}, {"SIL", 0.3}});
  const auto frames = synthesize(t, sine_speech(t), settings_at(100));
  const auto& f = frames[frame_at(0.39, 100)];  // late in AA
  EXPECT_EQ(argmax(f.visemes), aa);
  EXPECT_GT(f.visemes[DD], 0.05f);
}

TEST(faceSynth, bilabialClosuresFallOnBilabials) {
  // Over speech-like input every closed-lip frame inside speech lies within a
  // short ramp of a P/B/M, and every P/B/M closes the lips (recall and precision).
  for (std::uint32_t seed : {4u, 9u}) {
    const auto t = random_speech(seed, 120);
    const auto frames = synthesize(t, sine_speech(t), settings_at(100));
    std::size_t bilabials = 0, closed = 0;
    for (const auto& p : t.phones) {
      if (p.phone != "P" && p.phone != "B" && p.phone != "M") continue;
      ++bilabials;
      closed += lips_closed(frames[frame_at(0.5 * (p.start + p.end), 100)]);
    }
    EXPECT_EQ(closed, bilabials);
    for (std::size_t i = 0; i < frames.size(); ++i) {
      const double time = i / 100.0;
      if (raw_viseme_at(t, time) == sil || !lips_closed(frames[i])) continue;
      bool near_bilabial = false;
      for (const auto& p : t.phones)
        if ((p.phone == "P" || p.phone == "B" || p.phone == "M") && time > p.start - 0.04 && time < p.end + 0.04)
          near_bilabial = true;
      EXPECT_TRUE(near_bilabial) << "closed lips at " << time << " s far from any P/B/M";
    }
  }
}
