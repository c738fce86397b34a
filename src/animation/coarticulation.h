// Coarticulation: a dominance-function model (Cohen & Massaro 1993) over the
// phone timeline. Each phone pulls each articulator group towards its target
// with a dominance that is full inside the phone and fades with distance
// outside it (a raised cosine reaching kForwardReach before the phone and
// kBackwardReach after it); the articulator is the dominance-weighted mean of
// the targets. Lip closure of P/B/M is NOT blended: a closure envelope is 1
// throughout every bilabial and ramps quickly around it, and the result is the
// maximum of it and the blend, so no neighbour can blend a closure away.
#pragma once
#include <array>
#include <span>

#include "animation/articulation.h"
#include "animation/phone_track.h"

namespace facecast::animation {

struct MouthState {
  Pose pose{};           // blended articulator values, 0..1
  float vowel_jaw = 0;   // the part of pose[Jaw] contributed by vowels (loudness scales it)
  float closure = 0;     // lip seal, 1 = lips pressed together
  float speech = 0;      // 0 in silence, 1 in speech (smooth)
  float rest = 0;        // 1 while a real pause holds the mouth at rest (see kRest*)
  std::array<float, kVisemeCount> visemes{};  // sum to 1; argmax = the phone at this instant
};

struct CoarticulationParams {
  double smoothing = 1.0;  // scales every reach and ramp; 0 = raw targets
  double horizon = 0.04;   // seconds of look-ahead the result may depend on
  // Half-width of the window over which MouthState::visemes measures each
  // viseme's share of time (see kVisemeWindow*), seconds.
  double viseme_window = 0.025;  // kVisemeWindowFrames at 30 fps
};

// Reaches at smoothing 1, seconds, per Group (JawGroup, LipGroup, RoundGroup,
// SpreadGroup, TongueGroup). Rounding reaches furthest ahead: an upcoming
// O/U/W rounds the lips during the consonants before it. Forward reaches are
// capped at the horizon so a frame never depends on phones it cannot see yet.
constexpr std::array<double, kGroupCount> kForwardReach = {0.060, 0.045, 0.080, 0.050, 0.040};
constexpr std::array<double, kGroupCount> kBackwardReach = {0.070, 0.050, 0.060, 0.060, 0.040};
constexpr double kVisemeReach = 0.040;     // spread of speech/silence (MouthState::speech)
// Viseme weights are each viseme's share of the time in [t - w, t + w], w =
// params.viseme_window: the phone timeline box-filtered to the frame rate.
// Shares change linearly as a boundary passes through the window, so weights
// interpolated between two frames that straddle a boundary cross at (or within
// a few ms of) the boundary itself; the raised-cosine weights used before
// crossed up to ~10 ms off and lost 0.3-1 points of frame accuracy against the
// raw timeline at 30 fps. The synth uses kVisemeWindowFrames frame periods:
// 1 frame is exact for an isolated boundary but lets the next boundary into
// the window; 0.7-0.8 scored best on every bench set (0.5 and 1.0 lost 1-5
// steps in 10,000 more), at 30, 60 and 100 fps. At least kVisemeWindowMin so
// neighbours still show at high frame rates, at most the horizon.
constexpr double kVisemeWindowFrames = 0.75;
constexpr double kVisemeWindowMin = 0.020;
constexpr double kClosureOnset = 0.030;    // lips close this long before a bilabial
constexpr double kClosureRelease = 0.025;  // and open this fast after it
// Ramps take at most half of the neighbouring phone ("bab" still opens) but no
// less than this, so even a release into a very short vowel is not a pop.
constexpr double kShortestClosureRamp = 0.015;
// Real pauses: the mouth closes fast into a silence and opens late out of it,
// instead of drifting shut over the neighbours' reach. The rest factor ramps
// in over kRestCloseRamp starting kRestCloseLead before the silence (negative:
// 5 ms into it; closing earlier showed as false lip closures before pauses),
// and out over kRestOpenRamp ending kRestOpenLead before speech resumes (the end is seen
// through the look-ahead). Pauses whose end is visible count fully from
// kRestFullPause, not below kRestMinPause (a breath between words stays soft).
constexpr double kRestCloseLead = -0.005;
constexpr double kRestCloseRamp = 0.020;
constexpr double kRestOpenLead = 0.005;
constexpr double kRestOpenRamp = 0.015;
constexpr double kRestMinPause = 0.060;
constexpr double kRestFullPause = 0.120;
constexpr double kLongestBackwardInfluence = 0.25;  // at smoothing 2, with margin

// The mouth at time t. `phones` must hold every phone that ends after
// t - kLongestBackwardInfluence and starts before t + horizon (more is fine);
// phones at or beyond t + horizon are ignored and ends are clipped to it, so
// the result never changes when later phones arrive.
MouthState coarticulate(std::span<const TimedPhone> phones, double t, const CoarticulationParams& params);

}  // namespace facecast::animation
