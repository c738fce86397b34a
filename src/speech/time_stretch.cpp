#include "speech/time_stretch.h"

#include <algorithm>
#include <cmath>

namespace facecast::speech {
namespace {

constexpr int kFrame = 400;          // 25 ms at 16 kHz
constexpr int kHop = kFrame / 2;     // output hop: Hann windows at half overlap sum to 1
constexpr int kSearch = 200;         // +-12.5 ms: a pitch period of a low voice (80 Hz)
constexpr int kCompareStride = 2;    // every other sample: the same choice at half the cost
// Correlation given up per kSearch away from where the frame belongs: noise
// and silence continue equally well anywhere, and a frame taken off its place
// moves the times mapped back through it.
constexpr double kDriftPenalty = 0.2;

float hann(int n) { return 0.5f - 0.5f * std::cos(6.283185307f * static_cast<float>(n) / kFrame); }

}  // namespace

void TimeStretch::stretch(std::span<const int16_t> in, double factor, std::vector<int16_t>& out) {
  const auto n = static_cast<long>(in.size());
  input_centre_.clear();
  if (factor <= 1.0 || n < 2 * kFrame) {
    out.assign(in.begin(), in.end());
    return;  // input_position() is then the identity
  }
  const auto length = static_cast<long>(std::lround(static_cast<double>(n) * factor));
  const long frames = (length - kFrame + kHop - 1) / kHop + 1;
  const long buffer = (frames - 1) * kHop + kFrame;
  sum_.assign(static_cast<size_t>(buffer), 0.0f);
  weight_.assign(static_cast<size_t>(buffer), 0.0f);
  auto sample = [&](long i) { return i >= 0 && i < n ? static_cast<float>(in[static_cast<size_t>(i)]) : 0.0f; };

  long previous = 0;
  for (long k = 0; k < frames; ++k) {
    long pos = 0;
    if (k > 0) {
      // The input that followed the previous frame's overlap is what this
      // frame's first half should sound like.
      const long natural = previous + kHop;
      const long nominal = std::lround(static_cast<double>(k * kHop) / factor);
      const long lo = std::max(0L, nominal - kSearch), hi = std::max(lo, std::min(n - kFrame, nominal + kSearch));
      double best = -1e300;
      pos = std::clamp(nominal, lo, hi);
      double template_energy = 1e-3;
      for (int j = 0; j < kHop; j += kCompareStride) template_energy += static_cast<double>(sample(natural + j)) * sample(natural + j);
      for (long p = lo; p <= hi; ++p) {
        double dot = 0, energy = 1e-3;
        for (int j = 0; j < kHop; j += kCompareStride) {
          const float c = sample(p + j);
          dot += static_cast<double>(c) * sample(natural + j);
          energy += static_cast<double>(c) * c;
        }
        const double score = dot / std::sqrt(energy * template_energy) -
                             kDriftPenalty * static_cast<double>(std::abs(p - nominal)) / kSearch;
        if (score > best) {
          best = score;
          pos = p;
        }
      }
    }
    const long at = k * kHop;
    for (int j = 0; j < kFrame; ++j) {
      const float w = hann(j);
      sum_[static_cast<size_t>(at + j)] += w * sample(pos + j);
      weight_[static_cast<size_t>(at + j)] += w;
    }
    const double centre = static_cast<double>(pos) + kFrame / 2.0;
    input_centre_.push_back(input_centre_.empty() ? centre : std::max(centre, input_centre_.back()));
    previous = pos;
  }
  out.resize(static_cast<size_t>(length));
  for (long i = 0; i < length; ++i) {
    const float w = weight_[static_cast<size_t>(i)];
    const float v = w > 1e-3f ? sum_[static_cast<size_t>(i)] / w : 0.0f;
    out[static_cast<size_t>(i)] = static_cast<int16_t>(std::clamp(std::lround(v), -32768L, 32767L));
  }
}

double TimeStretch::input_position(double at) const {
  if (input_centre_.size() < 2) return at;
  const double half = kFrame / 2.0;
  const auto last = static_cast<long>(input_centre_.size()) - 2;
  const long k = std::clamp(static_cast<long>(std::floor((at - half) / kHop)), 0L, last);
  const double from = input_centre_[static_cast<size_t>(k)], to = input_centre_[static_cast<size_t>(k + 1)];
  const double t = (at - (static_cast<double>(k * kHop) + half)) / kHop;
  return std::max(0.0, from + (to - from) * t);
}

}  // namespace facecast::speech
