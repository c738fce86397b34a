#include "quality/metrics.h"

#include <algorithm>
#include <cmath>

namespace facecast::bench {
namespace {

double frame_centre(long k) { return (k + 0.5) / kMetricFrameRate; }

long metric_frame_count(double duration) { return std::lround(std::floor(duration * kMetricFrameRate)); }

bool is_pp(const TruthSegment& s) { return s.viseme == PP; }

// True when [a0, a1] and [b0, b1] share more than a point.
bool overlaps(double a0, double a1, double b0, double b1) { return a0 < b1 && b0 < a1; }

}  // namespace

std::vector<Viseme> truth_frames(const std::vector<TruthSegment>& truth, double duration) {
  std::vector<Viseme> frames(metric_frame_count(duration), sil);
  std::size_t s = 0;
  for (std::size_t k = 0; k < frames.size(); ++k) {
    const double t = frame_centre(long(k));
    while (s < truth.size() && truth[s].end <= t) ++s;
    if (s < truth.size() && truth[s].start <= t) frames[k] = truth[s].viseme;
  }
  return frames;
}

FrameAccuracy score_frames(const std::vector<TruthSegment>& truth, const std::vector<Viseme>& predicted) {
  FrameAccuracy acc;
  std::size_t first = 0;  // first truth segment that may still overlap the window
  for (std::size_t k = 0; k < predicted.size(); ++k) {
    const double t = frame_centre(long(k));
    while (first < truth.size() && truth[first].end <= t - kTolerance) ++first;
    bool exact = false, tolerant = false;
    bool covered = false;
    for (std::size_t s = first; s < truth.size() && truth[s].start <= t + kTolerance; ++s) {
      const bool same = truth[s].viseme == predicted[k];
      if (truth[s].start <= t && t < truth[s].end) {
        covered = true;
        exact = same;
      }
      tolerant = tolerant || same;
    }
    if (!covered) exact = predicted[k] == sil;  // outside the truth: silence
    ++acc.frames;
    acc.exact += exact;
    acc.tolerant += tolerant || exact;
  }
  return acc;
}

BilabialScore score_bilabials(const std::vector<TruthSegment>& truth, const std::vector<bool>& closed, double fps) {
  BilabialScore score;
  auto frame_time = [fps](std::size_t i) { return double(i) / fps; };

  for (const auto& s : truth) {
    if (!is_pp(s)) continue;
    ++score.segments;
    for (std::size_t i = 0; i < closed.size(); ++i) {
      const double t = frame_time(i);
      if (closed[i] && t >= s.start - kTolerance && t <= s.end + kTolerance) {
        ++score.recalled;
        break;
      }
    }
  }

  // Closure events: maximal runs of closed frames. A run lying wholly in truth silence
  // (within ±20 ms) is the resting mouth, not a claimed bilabial, so it is not counted.
  auto in_silence = [&truth](double t) {
    for (const auto& s : truth)
      if (s.phone == "SIL" && t >= s.start - kTolerance && t <= s.end + kTolerance) return true;
    return false;
  };
  for (std::size_t i = 0; i < closed.size();) {
    if (!closed[i]) {
      ++i;
      continue;
    }
    std::size_t j = i;
    bool in_speech = false;
    while (j < closed.size() && closed[j]) in_speech = in_speech || !in_silence(frame_time(j++));
    if (in_speech) {
      ++score.events;
      const double t0 = frame_time(i), t1 = frame_time(j - 1);
      for (const auto& s : truth)
        if (is_pp(s) && overlaps(t0, t1 + 1e-9, s.start - kTolerance, s.end + kTolerance)) {
          ++score.events_on_pp;
          break;
        }
    }
    i = j;
  }
  return score;
}

RestScore score_rest(const std::vector<TruthSegment>& truth, const std::vector<bool>& at_rest, double fps,
                     double edge) {
  constexpr double kMinSilence = 0.200;
  RestScore score;
  for (const auto& s : truth) {
    if (s.viseme != sil || s.phone != "SIL" || s.end - s.start < kMinSilence) continue;
    for (std::size_t i = 0; i < at_rest.size(); ++i) {
      const double t = double(i) / fps;
      if (t < s.start + edge || t > s.end - edge) continue;
      ++score.frames;
      score.resting += at_rest[i];
    }
  }
  return score;
}

std::vector<Viseme> visemes_at_metric_rate(const std::vector<VisemeWeights>& per_frame, double fps, double duration) {
  std::vector<Viseme> out(metric_frame_count(duration), sil);
  if (per_frame.empty()) return out;
  const long last = long(per_frame.size()) - 1;
  for (std::size_t k = 0; k < out.size(); ++k) {
    const double position = frame_centre(long(k)) * fps;  // in animation frames
    const long i0 = std::clamp<long>(long(std::floor(position)), 0, last);
    const long i1 = std::min(i0 + 1, last);
    const float w1 = float(std::clamp(position - double(i0), 0.0, 1.0));
    std::size_t best = 0;
    float best_weight = -1;
    for (std::size_t v = 0; v < kVisemeCount; ++v) {
      const float weight = (1 - w1) * per_frame[i0][v] + w1 * per_frame[i1][v];
      if (weight > best_weight) {
        best_weight = weight;
        best = v;
      }
    }
    out[k] = static_cast<Viseme>(best);
  }
  return out;
}

}  // namespace facecast::bench
