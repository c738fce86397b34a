#include "animation/coarticulation.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace facecast::animation {
namespace {

// 1 at distance 0, falling smoothly to 0 at `reach` (raised cosine).
float fade(double distance, double reach) {
  if (distance <= 0) return 1.0f;
  if (distance >= reach) return 0.0f;
  return static_cast<float>(0.5 * (1.0 + std::cos(std::numbers::pi * distance / reach)));
}

float smoothstep(double x) {
  x = std::clamp(x, 0.0, 1.0);
  return static_cast<float>(x * x * (3.0 - 2.0 * x));
}

// A phone as seen from time t: its end clipped to the horizon.
struct Seen {
  double start, end;
  Phone phone;
};

// How far the diphthong has glided to its second target (0 for other phones).
float glide_at(const Seen& p, double t) {
  if (glide_target_of(p.phone) == viseme_of(p.phone)) return 0.0f;
  const double u = (t - p.start) / std::max(p.end - p.start, 1e-6);
  return smoothstep((u - 0.3) / 0.6);  // holds the start, then moves over the rest
}

Pose target_at(const Seen& p, double t) {
  const Pose& a = viseme_pose(viseme_of(p.phone));
  const float g = glide_at(p, t);
  if (g == 0.0f) return a;
  const Pose& b = viseme_pose(glide_target_of(p.phone));
  Pose out;
  for (std::size_t k = 0; k < kParamCount; ++k) out[k] = a[k] + g * (b[k] - a[k]);
  return out;
}

// Distance from t to the segment (0 inside), and whether the segment is ahead.
double distance_to(const Seen& p, double t) {
  if (t < p.start) return p.start - t;
  if (t > p.end) return t - p.end;
  return 0.0;
}

// How strongly the silence p holds the mouth at rest at t (see kRest*). p.end
// is clipped to the horizon, so an end at t + horizon means "goes on".
// Smoothing scales the ramps like every other reach.
double rest_factor(const Seen& p, double t, double horizon, double smoothing) {
  const bool end_seen = p.end < t + horizon - 1e-9;
  const double sm = std::max(smoothing, 0.05);
  double r = smoothstep((t - (p.start - kRestCloseLead * sm)) / (kRestCloseRamp * sm));
  if (end_seen) {
    r *= smoothstep((p.end - kRestOpenLead * sm - t) / (kRestOpenRamp * sm));
    r *= smoothstep((p.end - p.start - kRestMinPause) / (kRestFullPause - kRestMinPause));
  }
  return r;
}

// 1 inside a bilabial, ramping in before it and out after it. Ramps never take
// more than half of the neighbouring segment (see kShortestClosureRamp).
float closure_envelope(std::span<const Seen> seen, std::size_t i, double t, double smoothing) {
  const Seen& p = seen[i];
  if (t >= p.start && t <= p.end) return 1.0f;
  if (t < p.start) {
    double onset = kClosureOnset * smoothing;
    if (i > 0) onset = std::min(onset, std::max(0.5 * (seen[i - 1].end - seen[i - 1].start), kShortestClosureRamp * smoothing));
    if (onset <= 0) return 0.0f;
    return smoothstep(1.0 - (p.start - t) / onset);
  }
  double release = kClosureRelease * smoothing;
  if (i + 1 < seen.size())
    release = std::min(release, std::max(0.5 * (seen[i + 1].end - seen[i + 1].start), kShortestClosureRamp * smoothing));
  if (release <= 0) return 0.0f;
  return smoothstep(1.0 - (t - p.end) / release);
}

}  // namespace

MouthState coarticulate(std::span<const TimedPhone> phones, double t, const CoarticulationParams& params) {
  const double horizon = t + params.horizon;
  const double sm = std::max(params.smoothing, 0.0);

  // The phones this frame may see. Fixed capacity: no allocation per frame.
  constexpr std::size_t kMaxSeen = 64;
  std::array<Seen, kMaxSeen> buffer;
  std::size_t n = 0;
  for (const TimedPhone& p : phones) {
    if (p.start >= horizon) break;
    if (p.end < t - kLongestBackwardInfluence) continue;
    if (n == kMaxSeen) break;  // only reachable with absurdly short segments
    buffer[n++] = {p.start, std::min(p.end, horizon), p.phone};
  }
  const std::span<const Seen> seen(buffer.data(), n);

  std::array<double, kGroupCount> forward, backward;
  for (std::size_t g = 0; g < kGroupCount; ++g) {
    forward[g] = std::min(kForwardReach[g] * sm, params.horizon);
    backward[g] = kBackwardReach[g] * sm;
  }
  const double viseme_forward = std::min(kVisemeReach * sm, params.horizon);
  const double viseme_backward = kVisemeReach * sm;
  const double window = std::min(std::max(params.viseme_window, kVisemeWindowMin), params.horizon);
  const double glide_fade = std::clamp(params.horizon - window, 0.001, 0.015);  // ends as the phone comes into view

  MouthState out;
  std::array<double, kParamCount> sum{};
  std::array<double, kGroupCount> total{};
  double vowel_jaw = 0, speech = 0, identity_total = 0;
  std::array<double, kVisemeCount> visemes{};
  Viseme current = sil;

  double rest = 0;
  for (std::size_t i = 0; i < seen.size(); ++i) {
    const Seen& p = seen[i];
    if (p.phone == Phone::SIL) rest = std::max(rest, rest_factor(p, t, params.horizon, sm));
    const double d = distance_to(p, t);
    const bool ahead = t < p.start;
    if (t >= p.start && t < p.end) current = viseme_of(p.phone);

    const auto& dominance = dominance_of(p.phone);
    const Pose target = target_at(p, t);
    std::array<float, kGroupCount> weight;
    for (std::size_t g = 0; g < kGroupCount; ++g)
      weight[g] = dominance[g] * fade(d, ahead ? forward[g] : backward[g]);
    for (std::size_t k = 0; k < kParamCount; ++k) sum[k] += weight[kGroupOf[k]] * target[k];
    for (std::size_t g = 0; g < kGroupCount; ++g) total[g] += weight[g];
    if (is_vowel(p.phone)) vowel_jaw += weight[JawGroup] * target[Jaw];

    // Speech vs silence: every phone counts equally, fading with distance.
    const float w = fade(d, ahead ? viseme_forward : viseme_backward);
    identity_total += w;
    if (p.phone != Phone::SIL) speech += w;

    // Viseme identity: the phone's share of the window. A diphthong's glide
    // shows on top (the sum is normalised below) instead of taking weight from
    // the phone's own viseme, which would move where it meets its neighbours;
    // for the same reason it fades out before a following phone of the glide's
    // own viseme (AW UW) enters the window.
    const double share = std::max(0.0, std::min(p.end, t + window) - std::max(p.start, t - window));
    if (share > 0) {
      visemes[viseme_of(p.phone)] += share;
      float room = 1.0f;
      if (i + 1 < seen.size() && viseme_of(seen[i + 1].phone) == glide_target_of(p.phone))
        room = smoothstep((seen[i + 1].start - window - t) / glide_fade);
      if (d == 0) visemes[glide_target_of(p.phone)] += share * 0.45f * room * glide_at(p, t);
    }

    if (is_bilabial(p.phone)) out.closure = std::max(out.closure, closure_envelope(seen, i, t, sm));
  }

  const double keep = 1.0 - rest;
  for (std::size_t k = 0; k < kParamCount; ++k) {
    const double tot = total[kGroupOf[k]];
    out.pose[k] = tot > 0 ? static_cast<float>(keep * sum[k] / tot) : 0.0f;
  }
  out.vowel_jaw = total[JawGroup] > 0 ? static_cast<float>(keep * vowel_jaw / total[JawGroup]) : 0.0f;
  out.rest = static_cast<float>(rest);
  out.speech = identity_total > 0 ? static_cast<float>(speech / identity_total) : 0.0f;

  // Truthful visemes: the phone being spoken wins; neighbours show beside it.
  // At a boundary the shares tie: keep a margin that survives 4-decimal output.
  constexpr double kRunnerUpAtMost = 0.98;
  double others = 0;
  for (std::size_t v = 0; v < kVisemeCount; ++v)
    if (v != current) others = std::max(others, visemes[v]);
  if (others > kRunnerUpAtMost * visemes[current] && others > 0) {
    const double scale = kRunnerUpAtMost * visemes[current] / others;
    for (std::size_t v = 0; v < kVisemeCount; ++v)
      if (v != current) visemes[v] *= scale;
  }
  if (visemes[current] <= 0) visemes[current] = 1;  // t outside every phone: silence
  double vsum = 0;
  for (double v : visemes) vsum += v;
  for (std::size_t v = 0; v < kVisemeCount; ++v) out.visemes[v] = static_cast<float>(visemes[v] / vsum);
  return out;
}

}  // namespace facecast::animation
