#include "animation/loudness.h"

#include <algorithm>
#include <cmath>

namespace facecast::animation {
namespace {

// Hop whose centre is at or before t (hop h is centred at (h + 0.5) * 10 ms).
std::int64_t hop_before(double t) { return static_cast<std::int64_t>(std::floor(t * 100.0 - 0.5)); }

}  // namespace

void LoudnessTracker::preview(std::span<const float> pcm) {
  LoudnessTracker whole;
  whole.push(pcm);
  whole.finish();
  whole.count_hops_through(whole.hop_count() - 1);
  histogram_ = whole.histogram_;
  counted_ = whole.counted_;
  previewed_ = true;
}

void LoudnessTracker::push(std::span<const float> pcm) {
  for (float s : pcm) {
    const double x = std::isfinite(s) ? s : 0.0;
    partial_sum_ += x * x;
    if (++partial_count_ == kHopSamples) {
      hops_.push_back(static_cast<float>(partial_sum_ / kHopSamples));
      partial_sum_ = 0;
      partial_count_ = 0;
    }
  }
  samples_ += static_cast<std::int64_t>(pcm.size());
  // Forget hops no frame can need any more (frames only move forward).
  const std::int64_t keep_from = std::min(next_to_count_, hop_count()) - 64;
  if (keep_from - base_ >= 4096) {
    hops_.erase(hops_.begin(), hops_.begin() + (keep_from - base_));
    base_ = keep_from;
  }
}

void LoudnessTracker::finish() {
  if (!finished_ && partial_count_ > 0) hops_.push_back(static_cast<float>(partial_sum_ / partial_count_));
  partial_count_ = 0;
  finished_ = true;
}

bool LoudnessTracker::ready_for(double t) const {
  return finished_ || hop_count() > hop_before(t) + 1 + kSmoothingHops;
}

double LoudnessTracker::level_db(std::int64_t hop) const {
  double power = 0;
  int n = 0;
  for (std::int64_t h = hop - kSmoothingHops; h <= hop + kSmoothingHops; ++h) {
    if (h < base_ || h >= hop_count()) continue;
    power += hops_[static_cast<std::size_t>(h - base_)];
    ++n;
  }
  return 10.0 * std::log10((n ? power / n : 0.0) + 1e-12);
}

void LoudnessTracker::count_hops_through(std::int64_t last) {
  for (; next_to_count_ <= last; ++next_to_count_) {
    if (previewed_ || next_to_count_ < base_) continue;
    const double db = level_db(next_to_count_);  // smoothed, like the levels it is compared with
    if (!(db > kFloorDb)) continue;  // also NaN (a caller's non-finite samples): no cast of NaN to int
    const int bin = std::clamp(static_cast<int>((db - kFloorDb) * 2.0), 0, kBins - 1);
    ++histogram_[bin];
    ++counted_;
  }
}

double LoudnessTracker::reference_db() const {
  const std::uint64_t above = static_cast<std::uint64_t>((1.0 - kReferencePercentile) * counted_);
  std::uint64_t seen = 0;
  for (int b = kBins - 1; b >= 0; --b) {
    seen += histogram_[b];
    if (seen > above) return kFloorDb + 0.5 * (b + 0.5);
  }
  return kFloorDb;
}

float LoudnessTracker::gain_at(double t, double strength) {
  if (!has_audio()) return 1.0f;
  const std::int64_t h0 = hop_before(t);
  // Levels up to the frame's own are final (ready_for); they join the reference,
  // at strength 0 too: the hops counted are the ones push() may forget (a live
  // stream at strength 0 kept every hop, 100 a second), and a strength raised
  // later finds the reference up to date.
  count_hops_through(std::min(h0 + 1, hop_count() - 1));
  if (strength <= 0 || counted_ == 0) return 1.0f;
  const double x = t * 100.0 - 0.5 - static_cast<double>(h0);
  const double level = (1.0 - x) * level_db(h0) + x * level_db(h0 + 1);
  const double trust = static_cast<double>(counted_) / (static_cast<double>(counted_) + kPriorHops);
  const double relative = trust * std::clamp((level - reference_db()) / kRangeDb, -1.0, 0.5);
  return static_cast<float>(1.0 + strength * kGainDepth * relative);
}

}  // namespace facecast::animation
