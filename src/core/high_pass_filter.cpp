#include "core/high_pass_filter.h"

#include <cmath>
#include <numbers>

namespace facecast {

namespace {

constexpr double kSampleRate = 16000;

// High-pass biquad by the bilinear transform (Audio EQ Cookbook form).
void design_high_pass(double cutoff_hz, double q, double& b0, double& b1, double& b2, double& a1, double& a2) {
  const double w0 = 2 * std::numbers::pi * cutoff_hz / kSampleRate;
  const double alpha = std::sin(w0) / (2 * q);
  const double cosw = std::cos(w0);
  const double a0 = 1 + alpha;
  b0 = (1 + cosw) / 2 / a0;
  b1 = -(1 + cosw) / a0;
  b2 = b0;
  a1 = -2 * cosw / a0;
  a2 = (1 - alpha) / a0;
}

}  // namespace

HighPassFilter::HighPassFilter(double cutoff_hz) {
  // A 4th-order Butterworth is two biquads with these Qs (poles at 22.5 and 67.5 degrees).
  const double qs[2] = {0.54119610, 1.30656296};
  for (std::size_t i = 0; i < sections_.size(); ++i) {
    Section& s = sections_[i];
    design_high_pass(cutoff_hz, qs[i], s.b0, s.b1, s.b2, s.a1, s.a2);
  }
}

void HighPassFilter::reset() {
  for (Section& s : sections_) s.z1 = s.z2 = 0;
}

void HighPassFilter::process(float* samples, std::size_t count) {
  for (Section& s : sections_) {
    double z1 = s.z1, z2 = s.z2;
    for (std::size_t i = 0; i < count; ++i) {
      const double x = samples[i];
      double y = s.b0 * x + z1;
      if (!std::isfinite(y) || std::abs(y) > kMaxSample) {
        // A sample no recording holds (finite but near FLT_MAX, or two of them
        // summed to infinity by the downmix) would leave the state NaN for the
        // rest of the stream: it becomes one silent sample instead.
        z1 = z2 = y = 0;
      } else {
        z1 = s.b1 * x - s.a1 * y + z2;
        z2 = s.b2 * x - s.a2 * y;
      }
      samples[i] = static_cast<float>(y);
    }
    // Decaying to zero through digital silence, the state would sit in
    // denormal numbers, which some CPUs handle a hundred times slower.
    s.z1 = std::abs(z1) < 1e-30 ? 0 : z1;
    s.z2 = std::abs(z2) < 1e-30 ? 0 : z2;
  }
}

}  // namespace facecast
