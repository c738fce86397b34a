// The pitch and loudness tracker behind the head, brows and auto emotion.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "animation/prosody.h"

using facecast::animation::ProsodyFrame;
using facecast::animation::ProsodyTracker;

namespace {

// A buzzy voice-like tone (fundamental plus harmonics) whose pitch glides from f_start to f_end.
std::vector<float> glide(double f_start, double f_end, double seconds, float amplitude = 0.2f) {
  std::vector<float> pcm(static_cast<std::size_t>(seconds * 16000));
  double phase = 0;
  for (std::size_t i = 0; i < pcm.size(); ++i) {
    const double f = f_start + (f_end - f_start) * i / pcm.size();
    phase += 2 * M_PI * f / 16000;
    pcm[i] = amplitude * static_cast<float>(0.6 * std::sin(phase) + 0.3 * std::sin(2 * phase) + 0.1 * std::sin(3 * phase));
  }
  return pcm;
}

std::vector<ProsodyFrame> track(const std::vector<float>& pcm, std::size_t chunk) {
  ProsodyTracker tracker;
  std::vector<ProsodyFrame> out;
  const double seconds = pcm.size() / 16000.0;
  double t = 0;
  for (std::size_t at = 0; at < pcm.size(); at += chunk) {
    tracker.push(std::span(pcm).subspan(at, std::min(chunk, pcm.size() - at)));
    for (; t < seconds && tracker.ready_for(t); t += 0.01) out.push_back(tracker.at(t));
  }
  tracker.finish();
  for (; t < seconds; t += 0.01) out.push_back(tracker.at(t));
  return out;
}

}  // namespace

TEST(prosody, findsThePitchOfAVoicedTone) {
  for (double f0 : {90.0, 150.0, 240.0}) {
    const auto frames = track(glide(f0, f0, 1.0), 16000);
    for (std::size_t i = 5; i + 5 < frames.size(); ++i) {
      ASSERT_TRUE(frames[i].voiced) << f0 << " Hz at hop " << i;
      ASSERT_NEAR(frames[i].f0, f0, f0 * 0.02) << "hop " << i;
    }
  }
}

TEST(prosody, silenceAndNoiseAreUnvoiced) {
  std::vector<float> pcm(16000, 0.0f);
  std::mt19937 random(1);
  std::uniform_real_distribution<float> noise(-0.2f, 0.2f);
  for (std::size_t i = 8000; i < pcm.size(); ++i) pcm[i] = noise(random);
  int voiced = 0;
  for (const auto& f : track(pcm, 16000)) voiced += f.voiced;
  EXPECT_LT(voiced, 5);
}

TEST(prosody, pitchIsRelativeToTheSpeaker) {
  // Two seconds at 120 Hz, then a rise to 170 Hz: the rise reads as several semitones up.
  auto pcm = glide(120, 120, 2.0);
  const auto rise = glide(120, 170, 0.5);
  pcm.insert(pcm.end(), rise.begin(), rise.end());
  const auto frames = track(pcm, 16000);
  EXPECT_NEAR(frames[150].pitch, 0.0, 0.5);
  EXPECT_GT(frames[frames.size() - 3].pitch, 4.5);  // 12*log2(170/120) = 6 semitones
}

TEST(prosody, streamingInAnyPiecesEqualsOneBlock) {
  auto pcm = glide(110, 200, 1.5);
  const auto whole = track(pcm, pcm.size());
  const auto pieces = track(pcm, 317);
  ASSERT_EQ(whole.size(), pieces.size());
  for (std::size_t i = 0; i < whole.size(); ++i) {
    ASSERT_EQ(whole[i].f0, pieces[i].f0) << i;
    ASSERT_EQ(whole[i].energy, pieces[i].energy) << i;
  }
}

// Steady voice with seven loud 30-60 ms syllables (+6 dB) at uneven times: each
// is one accent, at any frame rate (judged on the hop each frame sampled, the
// count followed the frame rate).
TEST(prosody, countsEachAccentOnceAtAnyFrameRate) {
  auto pcm = glide(120, 120, 4.0);
  const double starts[] = {0.81, 1.23, 1.67, 2.11, 2.52, 2.98, 3.41};
  for (double s : starts)
    for (auto i = static_cast<std::size_t>(s * 16000); i < static_cast<std::size_t>((s + 0.03 + (s - 0.8) / 100) * 16000); ++i)
      pcm[i] *= 2.0f;
  for (const int fps : {24, 30, 60, 120}) {
    ProsodyTracker tracker;
    tracker.push(pcm);
    tracker.finish();
    int accents = 0;
    for (int frame = 0; frame < 4 * fps; ++frame) accents += tracker.at(static_cast<double>(frame) / fps).accents;
    EXPECT_EQ(accents, 7) << fps << " fps";
  }
}

TEST(prosody, samplesNoRecordingHoldsAreNeitherVoicedNorALevel) {
  // Finite but huge (a caller's raw floats): a float square overflowed, YIN's
  // sums became NaN and NaN passed the voicing test.
  ProsodyTracker tracker;
  std::vector<float> pcm(16000);
  for (std::size_t i = 0; i < pcm.size(); ++i) pcm[i] = (i % 80 < 40 ? 1e20f : -1e20f);
  tracker.push(pcm);
  tracker.finish();
  for (double t = 0.1; t < 0.9; t += 0.1) {
    const ProsodyFrame f = tracker.at(t);
    EXPECT_FALSE(f.voiced) << t;
    EXPECT_TRUE(std::isfinite(f.pitch) && std::isfinite(f.energy)) << t;
  }
}
