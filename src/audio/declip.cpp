#include "audio/declip.h"

#include <algorithm>
#include <cmath>

namespace facecast::audio::detail {

namespace {
constexpr float kMaxRestored = 4.0f;
}

void declip(float* x, std::size_t n) {
  std::size_t i = 0;
  while (i < n) {
    if (std::abs(x[i]) < kClipLevel) {
      ++i;
      continue;
    }
    const bool positive = x[i] > 0;
    std::size_t j = i;
    while (j < n && std::abs(x[j]) >= kClipLevel && (x[j] > 0) == positive) ++j;
    // [i, j) is stuck at full scale; two samples of context on each side.
    if (j - i >= 2 && i >= 2 && j + 1 < n) {
      const float span = static_cast<float>(j - i + 1);
      const float p0 = x[i - 1], p1 = x[j];
      const float m0 = (x[i - 1] - x[i - 2]) * span, m1 = (x[j + 1] - x[j]) * span;
      for (std::size_t k = i; k < j; ++k) {
        const float t = static_cast<float>(k - i + 1) / span;  // cubic Hermite from x[i-1] to x[j]
        const float t2 = t * t, t3 = t2 * t;
        const float v = (2 * t3 - 3 * t2 + 1) * p0 + (t3 - 2 * t2 + t) * m0 + (-2 * t3 + 3 * t2) * p1 + (t3 - t2) * m1;
        const float magnitude = std::clamp(std::abs(v), kClipLevel, kMaxRestored);
        x[k] = positive ? magnitude : -magnitude;
      }
    }
    i = j;
  }
}

}  // namespace facecast::audio::detail
