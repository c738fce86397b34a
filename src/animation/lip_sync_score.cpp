// score_lip_sync(): the benchmark's lip-sync metrics (definitions in metrics.h).
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "animation/metrics.h"
#include "animation/phones.h"
#include "core/error.h"

namespace facecast::animation {
namespace {

struct Truth {
  double start, end;
  Phone phone;
};

// The true timeline with gaps as silence and adjacent silences merged.
std::vector<Truth> truth_timeline(std::span<const PhoneSegment> phones, double until) {
  std::vector<Truth> out;
  auto add = [&](double s, double e, Phone p) {
    if (e <= s) return;
    if (p == Phone::SIL && !out.empty() && out.back().phone == Phone::SIL && out.back().end >= s)
      out.back().end = std::max(out.back().end, e);
    else
      out.push_back({s, e, p});
  };
  double at = 0;
  for (const auto& seg : phones) {
    const auto p = parse_phone(seg.phone);
    if (!p) throw Error(ErrorCode::InvalidArgument, "score_lip_sync: unknown phone '" + seg.phone + "'");
    add(at, seg.start, Phone::SIL);
    add(std::max(seg.start, at), seg.end, *p);
    at = std::max(at, seg.end);
  }
  add(at, until, Phone::SIL);
  return out;
}

bool is_bilabial_phone(Phone p) { return p == Phone::P || p == Phone::B || p == Phone::M; }

}  // namespace

LipSyncScore score_lip_sync(std::span<const FaceFrame> frames, double fps, std::span<const PhoneSegment> truth) {
  if (fps <= 0) throw Error(ErrorCode::InvalidArgument, "score_lip_sync: fps must be positive");
  LipSyncScore score;
  if (frames.empty()) return score;
  const double duration = static_cast<double>(frames.size()) / fps;
  const auto timeline = truth_timeline(truth, duration);
  const auto steps = static_cast<std::size_t>(std::ceil(duration * 100 - 1e-9));
  auto frame_at = [&](double t) -> const FaceFrame& {
    const auto i = static_cast<std::size_t>(std::max(0L, std::lround(t * fps)));
    return frames[std::min(i, frames.size() - 1)];
  };
  auto near = [](const Truth& p, double t, double tol) { return t >= p.start - tol && t < p.end + tol; };

  // Viseme accuracy and closure runs, step by step.
  bool in_run = false, run_on_bilabial = false;
  auto close_run = [&] {
    if (!in_run) return;
    ++score.closures;
    score.closures_on_bilabials += run_on_bilabial;
    in_run = false;
  };
  std::size_t first = 0;  // first truth segment that can still matter
  for (std::size_t k = 0; k < steps; ++k) {
    const double t = k / 100.0;
    while (first < timeline.size() && timeline[first].end + kVisemeTolerance <= t) ++first;
    const FaceFrame& f = frame_at(t);
    const auto argmax = static_cast<std::size_t>(std::max_element(f.visemes.begin(), f.visemes.end()) - f.visemes.begin());
    Phone here = Phone::SIL;
    bool tolerant = false, near_bilabial = false;
    for (std::size_t i = first; i < timeline.size() && timeline[i].start - kVisemeTolerance <= t; ++i) {
      const Truth& p = timeline[i];
      if (t >= p.start && t < p.end) here = p.phone;
      if (near(p, t, kVisemeTolerance) && viseme_of(p.phone) == argmax) tolerant = true;
      if (is_bilabial_phone(p.phone) && near(p, t, kEventTolerance)) near_bilabial = true;
    }
    ++score.steps;
    score.viseme_exact += viseme_of(here) == argmax;
    score.viseme_tolerant += tolerant || viseme_of(here) == argmax;

    if (here != Phone::SIL && lips_closed(f)) {
      if (!in_run) run_on_bilabial = false;
      in_run = true;
      run_on_bilabial = run_on_bilabial || near_bilabial;
    } else {
      close_run();
    }
  }
  close_run();

  for (const Truth& p : timeline) {
    if (is_bilabial_phone(p.phone)) {
      ++score.bilabials;
      bool closed = false;
      for (double t = std::ceil((p.start - kEventTolerance) * 100) / 100; t < p.end + kEventTolerance && !closed; t += 0.01)
        closed = t >= 0 && t < duration && lips_closed(frame_at(t));
      score.bilabials_closed += closed;
    }
    if (p.phone == Phone::SIL && p.end - p.start >= kLongSilence && p.start < duration) {
      ++score.long_silences;
      bool rest = true;
      const double until = std::min(p.end, duration) - kSilenceSettle;
      for (double t = p.start + kSilenceSettle; t <= until && rest; t += 0.01) rest = mouth_at_rest(frame_at(t));
      score.long_silences_at_rest += rest;
    }
  }
  return score;
}

}  // namespace facecast::animation
