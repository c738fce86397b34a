#include "animation/prosody.h"

#include <algorithm>
#include <cmath>

namespace facecast::animation {
namespace {

constexpr int kRate = 8000;            // analysis rate after decimation
constexpr int kHop = 80;               // 10 ms
constexpr int kOnsetGapHops = 3;       // a voice onset follows at least 30 ms without voice
constexpr int kWindow = 200;           // 25 ms integration window
constexpr int kMinLag = kRate / 420;   // highest F0 considered ~420 Hz
constexpr int kMaxLag = kRate / 70;    // lowest ~70 Hz
constexpr int kLanes = 8;              // partial sums of the difference function
static_assert(kWindow % kLanes == 0);
constexpr int kHalfSpan = (kWindow + kMaxLag) / 2 + 1;  // samples each side of a hop centre
constexpr double kYinThreshold = 0.20;   // first dip below this is the period
constexpr double kYinVoicedMax = 0.35;   // above this the hop is unvoiced
constexpr double kSilentDb = -55;        // quieter hops are never voiced
constexpr double kPriorHops = 30;        // medians are trusted after ~0.3 s of evidence
constexpr double kMaxVoicedDb = 40;      // louder hops are not judged for pitch

}  // namespace

void ProsodyTracker::Median::add(double value) {
  const int bin = std::clamp(static_cast<int>((value - lowest) / step), 0, kBins - 1);
  ++counts[bin];
  ++total;
}

double ProsodyTracker::Median::get() const {
  std::uint64_t seen = 0;
  for (int b = 0; b < kBins; ++b) {
    seen += counts[b];
    if (2 * seen > total) return lowest + step * (b + 0.5);
  }
  return lowest;
}

ProsodyTracker::ProsodyTracker() : diff_(kMaxLag + 2) {
  pitch_median_.lowest = -12;  // semitones re 100 Hz: 50 Hz ..
  pitch_median_.step = 0.25;   // .. 50 semitones up
  level_median_.lowest = -80;  // dBFS
  level_median_.step = 0.5;
}

float ProsodyTracker::sample8k(std::int64_t i) const {
  if (i < x8_base_ || i >= x8_count_) return 0.0f;
  return x8_[static_cast<std::size_t>(i - x8_base_)];
}

void ProsodyTracker::push(std::span<const float> pcm) {
  for (float s : pcm) {
    const float x = std::isfinite(s) ? s : 0.0f;
    if (!has_pending_) {
      pending_ = x;
      has_pending_ = true;
      continue;
    }
    x8_.push_back(0.5f * (pending_ + x));  // pair average: a gentle low-pass before decimation
    ++x8_count_;
    has_pending_ = false;
  }
  analyse_ready_hops();
  // Keep only the audio the next hops still need.
  const std::int64_t keep_from = hops_base_ + static_cast<std::int64_t>(hops_.size());
  const std::int64_t first_needed = keep_from * kHop + kHop / 2 - kHalfSpan;
  if (first_needed - x8_base_ >= 8 * kRate) {
    x8_.erase(x8_.begin(), x8_.begin() + (first_needed - x8_base_));
    x8_base_ = first_needed;
  }
}

void ProsodyTracker::finish() {
  if (finished_) return;
  if (has_pending_) {
    x8_.push_back(0.5f * pending_);
    ++x8_count_;
    has_pending_ = false;
  }
  finished_ = true;
  analyse_ready_hops();
}

void ProsodyTracker::analyse_ready_hops() {
  // Hop h is centred at (h + 0.5) * 10 ms; it is ready once its whole span has arrived
  // (after finish, every hop that starts inside the audio).
  for (;;) {
    const std::int64_t h = hops_base_ + static_cast<std::int64_t>(hops_.size());
    const std::int64_t centre = h * kHop + kHop / 2;
    if (finished_ ? h * kHop >= x8_count_ : centre + kHalfSpan > x8_count_) break;
    hops_.push_back(analyse(h));
  }
}

ProsodyTracker::Hop ProsodyTracker::analyse(std::int64_t h) const {
  Hop hop;
  const std::int64_t centre = h * kHop + kHop / 2;
  double power = 0;
  for (std::int64_t i = centre - kHop / 2; i < centre + kHop / 2; ++i) {
    const double x = sample8k(i);  // squared in double: a float square of a huge sample overflowed
    power += x * x;
  }
  hop.level_db = static_cast<float>(10.0 * std::log10(power / kHop + 1e-12));
  // No pitch for silence, nor for samples no recording holds (beyond +40 dBFS,
  // where YIN's float sums overflow); not finite: not a level either.
  if (!std::isfinite(hop.level_db)) hop.level_db = -120;
  if (hop.level_db < kSilentDb || hop.level_db > kMaxVoicedDb) return hop;

  // YIN: difference function, cumulative mean normalisation, first dip under the threshold.
  const std::int64_t start = centre - kHalfSpan;
  std::array<float, kWindow + kMaxLag + 1> x;
  for (int i = 0; i < static_cast<int>(x.size()); ++i) x[i] = sample8k(start + i);
  double running = 0;
  diff_[0] = 1;
  for (int lag = 1; lag <= kMaxLag + 1; ++lag) {
    // Eight independent float sums: the compiler vectorises them (a single
    // double sum cannot be reordered), and this loop was 13-16 % of the whole
    // engine's instructions in align mode (callgrind).
    std::array<float, kLanes> lanes{};
    for (int j = 0; j < kWindow; j += kLanes)
      for (int k = 0; k < kLanes; ++k) {
        const float e = x[j + k] - x[j + k + lag];
        lanes[k] += e * e;
      }
    double d = 0;
    for (float v : lanes) d += v;
    running += d;
    diff_[lag] = static_cast<float>(running > 0 ? d * lag / running : 1.0);
  }
  int best = -1;
  for (int lag = kMinLag; lag <= kMaxLag; ++lag) {
    if (diff_[lag] < kYinThreshold) {
      while (lag + 1 <= kMaxLag && diff_[lag + 1] < diff_[lag]) ++lag;
      best = lag;
      break;
    }
  }
  if (best < 0) {
    best = kMinLag;
    for (int lag = kMinLag; lag <= kMaxLag; ++lag)
      if (diff_[lag] < diff_[best]) best = lag;
    if (diff_[best] > kYinVoicedMax) return hop;
  }
  // Parabolic refinement of the period.
  double period = best;
  const double a = diff_[best - 1], b = diff_[best], c = diff_[best + 1];
  const double denom = a - 2 * b + c;
  if (denom > 1e-9) period += std::clamp(0.5 * (a - c) / denom, -0.5, 0.5);
  hop.f0 = static_cast<float>(kRate / period);
  return hop;
}

// Binary fractions: 0.29 * 100 < 29, so callers that step hop by hop pass hop
// indices (at_hop), not times.
std::int64_t ProsodyTracker::hop_at(double t) { return static_cast<std::int64_t>(std::floor(t * 100.0)); }

bool ProsodyTracker::ready_for(double t) const {
  return finished_ || hops_base_ + static_cast<std::int64_t>(hops_.size()) > std::max<std::int64_t>(hop_at(t), 0);
}

ProsodyFrame ProsodyTracker::at_hop(std::int64_t index) {
  const std::int64_t count = hops_base_ + static_cast<std::int64_t>(hops_.size());
  if (count == 0) return {};
  const std::int64_t h = std::clamp<std::int64_t>(index, hops_base_, count - 1);
  // Relative to the speaker as heard up to now (the medians trusted by how
  // much they have heard).
  const auto relative_energy = [&](const Hop& hop) {
    const double trust = level_median_.total / (level_median_.total + kPriorHops);
    return static_cast<float>(trust * std::clamp(hop.level_db - level_median_.get(), -40.0, 20.0));
  };
  const auto relative_pitch = [&](const Hop& hop) {
    const double trust = pitch_median_.total / (pitch_median_.total + kPriorHops);
    return static_cast<float>(trust * (12.0 * std::log2(hop.f0 / 100.0) - pitch_median_.get()));
  };
  // Hops up to this one join the speaker's medians (never later ones: causal).
  ProsodyFrame out;
  for (; next_to_count_ <= h; ++next_to_count_) {
    if (next_to_count_ < hops_base_) continue;
    const Hop& hop = hops_[static_cast<std::size_t>(next_to_count_ - hops_base_)];
    if (hop.level_db > -70) level_median_.add(hop.level_db);
    if (hop.f0 > 0) {
      pitch_median_.add(12.0 * std::log2(hop.f0 / 100.0));
      if (unvoiced_hops_ >= kOnsetGapHops) ++out.voice_onsets;
      unvoiced_hops_ = 0;
    } else {
      unvoiced_hops_ = std::min(unvoiced_hops_ + 1, 1 << 20);  // saturates: a stream may stay silent for months
    }
    const float pitch = hop.f0 > 0 ? relative_pitch(hop) : 0.0f, energy = relative_energy(hop);
    const bool accented = hop.f0 > 0 && (pitch > kAccentPitch || energy > kAccentLoud);
    if (accented && !accented_ && (out.accents++ == 0 || pitch + energy > out.accent_pitch + out.accent_energy)) {
      out.accent_pitch = pitch;
      out.accent_energy = energy;
    }
    accented_ = accented;
  }
  const Hop& hop = hops_[static_cast<std::size_t>(h - hops_base_)];
  out.energy = relative_energy(hop);
  if (hop.f0 > 0) {
    out.voiced = true;
    out.f0 = hop.f0;
    out.pitch = relative_pitch(hop);
  }
  // Forget hops no later frame needs.
  if (h - hops_base_ > 4096) {
    const std::int64_t drop = h - hops_base_ - 64;
    hops_.erase(hops_.begin(), hops_.begin() + drop);
    hops_base_ += drop;
  }
  return out;
}

}  // namespace facecast::animation
