// Lip-sync quality metrics of issue 2, as pure functions over a truth timeline and
// the engine's per-frame output. Counts (not ratios) so files can be pooled.
#pragma once
#include <array>
#include <vector>

#include "common/truth.h"
#include "core/names.h"

namespace facecast::bench {

constexpr double kMetricFrameRate = 100;  // viseme accuracy is scored at 100 frames/s
constexpr double kTolerance = 0.020;      // ±20 ms

using VisemeWeights = std::array<float, kVisemeCount>;  // one animation frame's 15 viseme weights

struct FrameAccuracy {
  long frames = 0;
  long exact = 0;     // predicted viseme == truth viseme at the frame's centre
  long tolerant = 0;  // predicted viseme == truth viseme somewhere within ±20 ms
};

struct BilabialScore {
  long segments = 0;        // truth P/B/M segments
  long recalled = 0;        // ... during which (±20 ms) the lips close at least once
  long events = 0;          // closure events (runs of closed frames) not wholly in truth silence
  long events_on_pp = 0;    // ... that overlap a truth P/B/M segment widened by ±20 ms
};

struct RestScore {
  long frames = 0;   // animation frames inside truth silences >= 200 ms (20 ms in from each edge)
  long resting = 0;  // ... where the mouth is at rest
};

// Truth viseme at 100 frames/s: frame k covers [k/100, (k+1)/100), scored at its centre.
std::vector<Viseme> truth_frames(const std::vector<TruthSegment>& truth, double duration);

// predicted[k] is the predicted viseme of frame k at 100 frames/s (same grid as truth_frames).
FrameAccuracy score_frames(const std::vector<TruthSegment>& truth, const std::vector<Viseme>& predicted);

// closed[i]: lips closed in animation frame i (time i/fps).
BilabialScore score_bilabials(const std::vector<TruthSegment>& truth, const std::vector<bool>& closed, double fps);

// at_rest[i]: mouth at rest in animation frame i (time i/fps); frames closer than
// edge seconds to either end of the silence are not scored.
RestScore score_rest(const std::vector<TruthSegment>& truth, const std::vector<bool>& at_rest, double fps,
                     double edge = kTolerance);

// Predicted viseme of each 100 frames/s step, read AT the step's centre: the viseme
// weights of the two animation frames around that instant (frame i at time i/fps) are
// interpolated linearly and the argmax taken (ties: the lower index). Taking the
// nearest frame instead read 100 fps output 5 ms late and 30 fps output up to 16.7 ms
// off, which the raw phone timeline (scored at the exact instant) does not suffer.
// Instants past the last frame hold the last frame's weights.
std::vector<Viseme> visemes_at_metric_rate(const std::vector<VisemeWeights>& per_frame, double fps, double duration);

}  // namespace facecast::bench
