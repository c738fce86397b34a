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

TEST(faceSynth, visemesInterpolatedBetweenFramesChangeAtThePhoneBoundary) {
  // At 30 fps a boundary falls between frames; players interpolate the weights
  // (and the benchmark reads them at 100 steps a second the same way). With
  // phones longer than two frames the interpolated argmax must switch within
  // ~1 ms of the boundary, so every 10 ms step (at its centre) agrees with the timeline.
  const auto t = timeline({{"SIL", 0.30}, {"HH", 0.07}, {"AH", 0.11}, {"L", 0.08}, {"OW", 0.19}, {"SIL", 0.25},
                           {"S", 0.12},   {"IY", 0.09}, {"Y", 0.07},  {"UW", 0.13}, {"T", 0.08}, {"AH", 0.10},
                           {"M", 0.09},   {"AA", 0.16}, {"R", 0.07},  {"OW", 0.14}, {"SIL", 0.30}});
  const int fps = 30;
  const auto frames = synthesize(t, sine_speech(t), settings_at(fps));
  std::size_t steps = 0, agree = 0;
  for (double at = 0.005; at < timeline_end(t) - 0.05; at += 0.01) {
    const double x = at * fps;
    const auto i = static_cast<std::size_t>(x);
    const float u = static_cast<float>(x - static_cast<double>(i));
    std::array<float, kVisemeCount> w{};
    for (std::size_t v = 0; v < kVisemeCount; ++v) w[v] = (1 - u) * frames[i].visemes[v] + u * frames[i + 1].visemes[v];
    ++steps;
    agree += argmax(w) == raw_viseme_at(t, at);
  }
  EXPECT_EQ(agree, steps);
}
