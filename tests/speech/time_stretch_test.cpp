#include "speech/time_stretch.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

using facecast::speech::TimeStretch;

namespace {

constexpr double kRate = 16000;

std::vector<int16_t> tone(double hz, double seconds, double amplitude = 10000) {
  std::vector<int16_t> out(static_cast<size_t>(seconds * kRate));
  for (size_t i = 0; i < out.size(); ++i)
    out[i] = static_cast<int16_t>(std::lround(amplitude * std::sin(2 * M_PI * hz * static_cast<double>(i) / kRate)));
  return out;
}

// Frequency from upward zero crossings over [from, to).
double frequency(const std::vector<int16_t>& x, size_t from, size_t to) {
  size_t first = 0, last = 0, count = 0;
  for (size_t i = from + 1; i < to; ++i) {
    if (x[i - 1] < 0 && x[i] >= 0) {
      if (count == 0) first = i;
      last = i;
      ++count;
    }
  }
  return count > 1 ? (static_cast<double>(count) - 1) * kRate / static_cast<double>(last - first) : 0;
}

size_t first_loud(const std::vector<int16_t>& x, int threshold) {
  for (size_t i = 0; i < x.size(); ++i)
    if (std::abs(x[i]) > threshold) return i;
  return x.size();
}

}  // namespace

TEST(timeStretch, lengthensSpeechWithoutChangingItsPitch) {
  const auto in = tone(180, 1.0);
  TimeStretch stretch;
  std::vector<int16_t> out;
  stretch.stretch(in, 1.5, out);
  EXPECT_NEAR(static_cast<double>(out.size()), 1.5 * static_cast<double>(in.size()), 1.0);
  EXPECT_NEAR(frequency(out, 2000, out.size() - 2000), 180, 180 * 0.02);
  // Whole periods are spliced: no clicks, the level holds.
  double peak = 0;
  for (size_t i = 2000; i < out.size() - 2000; ++i) peak = std::max(peak, std::abs(static_cast<double>(out[i])));
  EXPECT_NEAR(peak, 10000, 600);
}

TEST(timeStretch, mapsOutputTimesBackToTheInput) {
  // Silence, then a tone from 0.5 s: the onset comes out at 0.75 s and maps back to 0.5 s.
  std::vector<int16_t> in(8000, 0);
  const auto t = tone(150, 0.5);
  in.insert(in.end(), t.begin(), t.end());
  TimeStretch stretch;
  std::vector<int16_t> out;
  stretch.stretch(in, 1.5, out);
  const size_t onset = first_loud(out, 3000);
  EXPECT_NEAR(static_cast<double>(onset), 12000, 16 * 10.0);  // within 10 ms
  EXPECT_NEAR(stretch.input_position(static_cast<double>(onset)), 8000, 16 * 5.0);
  EXPECT_NEAR(stretch.input_position(0.75 * static_cast<double>(out.size())), 0.75 * static_cast<double>(in.size()),
              16 * 13.0);
  for (double at = 0; at + 100 < static_cast<double>(out.size()); at += 100)
    EXPECT_LE(stretch.input_position(at), stretch.input_position(at + 100)) << "at " << at;
}

TEST(timeStretch, leavesAudioAsItIsAtFactorOne) {
  const auto in = tone(200, 0.3);
  TimeStretch stretch;
  std::vector<int16_t> out;
  stretch.stretch(in, 1.0, out);
  EXPECT_EQ(out, in);
  EXPECT_DOUBLE_EQ(stretch.input_position(1234), 1234);
}
