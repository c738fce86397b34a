#include "audio/declip.h"

#include <algorithm>
#include <cmath>

namespace facecast::audio::detail {

namespace {
constexpr float kMaxRestored = 4.0f;

bool clipped(float x) { return std::abs(x) >= kClipLevel; }  // false for NaN
}  // namespace

void declip(float* x, std::size_t n) {
  std::size_t i = 0;
  while (i < n) {
    if (!clipped(x[i])) {  // NaN too: the run below would never advance
      ++i;
      continue;
    }
    const bool positive = x[i] > 0;
    std::size_t j = i;
    while (j < n && clipped(x[j]) && (x[j] > 0) == positive) ++j;
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

// Where the samples that may still change start: the first sample of the last
// run of clipped samples when that run reaches the end or the sample before it
// (declip needs two samples of context after a run); else the end.
static std::size_t first_unsettled(const std::vector<float>& x, std::size_t from) {
  const std::size_t n = x.size();
  std::size_t i = n;
  if (i > from && !clipped(x[i - 1])) --i;  // one sample of right context is not enough
  if (i == from || !clipped(x[i - 1])) return n;
  const bool positive = x[i - 1] > 0;
  while (i > from && clipped(x[i - 1]) && (x[i - 1] > 0) == positive) --i;
  return i;
}

StreamDeclipper::StreamDeclipper() {
  work_.reserve(2 + kMaxHeldSamples + kReservedPieceSamples);
  held_.reserve(kMaxHeldSamples);
  context_.reserve(2);
}

std::span<const float> StreamDeclipper::push(std::span<const float> piece) {
  work_.assign(context_.begin(), context_.end());
  const std::size_t from = work_.size();
  work_.insert(work_.end(), held_.begin(), held_.end());
  work_.insert(work_.end(), piece.begin(), piece.end());
  declip(work_.data(), work_.size());
  std::size_t split = first_unsettled(work_, from);
  if (work_.size() - split > kMaxHeldSamples) split = work_.size();
  held_.assign(work_.begin() + static_cast<long>(split), work_.end());
  context_.assign(work_.begin() + static_cast<long>(split - std::min<std::size_t>(split, 2)),
                  work_.begin() + static_cast<long>(split));
  return std::span<const float>(work_).subspan(from, split - from);
}

std::span<const float> StreamDeclipper::finish() {
  work_.assign(held_.begin(), held_.end());
  reset();
  return work_;
}

void StreamDeclipper::reset() {
  held_.clear();
  context_.clear();
}

}  // namespace facecast::audio::detail
