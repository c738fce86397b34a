// Lip-sync quality definitions shared by the tests and bench/ (so the
// benchmark and the synth agree on what "closed" and "at rest" mean). All
// read only the ARKit blendshapes of a frame.
#pragma once
#include <cstddef>
#include <span>

#include "core/animation.h"
#include "core/timeline.h"

namespace facecast::animation {

// Lips count as closed below this aperture.
constexpr float kLipsClosedAperture = 0.03f;
// "At rest" also needs the jaw nearly shut and every other mouth shape small.
constexpr float kRestJawOpen = 0.05f;
constexpr float kRestMouthShape = 0.10f;

// How far the lips are apart, 0 = closed, about 0.6-0.8 for a wide "ah":
//   max(0, jawOpen - mouthClose)                       jaw opening not cancelled by the lip seal
//   + 0.5 * mean(mouthLowerDownL/R) + 0.5 * mean(mouthUpperUpL/R)   lips pulled apart
//   - 0.25 * max(mouthRollLower, mouthRollUpper)        lips rolled in
//   - 0.25 * mean(mouthPressL/R)                        lips pressed together
// clamped to [0,1].
float lip_aperture(const FaceFrame& frame);

// lip_aperture(frame) < kLipsClosedAperture.
bool lips_closed(const FaceFrame& frame);

// Lips closed, jawOpen < kRestJawOpen, and funnel, pucker, stretch, smile,
// roll, shrug, press, lowerDown, upperUp, tongueOut all below kRestMouthShape.
bool mouth_at_rest(const FaceFrame& frame);

// Scores of frames against true phone timings, sampled at 100 steps per second
// (each step reads the frame nearest in time, so score frames made at fps 100).
// Silence = SIL phones and gaps between phones.
//  - viseme accuracy: the argmax of frame.visemes equals viseme_of(true phone)
//    at the step (exact), or of any true phone within +-kVisemeTolerance.
//  - bilabial recall: P/B/M segments with lips_closed at some step within
//    [start - kEventTolerance, end + kEventTolerance].
//  - bilabial precision: closures (maximal runs of lips_closed steps outside
//    silence) that come within kEventTolerance of a P/B/M segment.
//  - silence rest: silences of at least kLongSilence whose steps from
//    kSilenceSettle after their start to kSilenceSettle before their end all
//    have mouth_at_rest (the mouth may close into and open out of a pause).
constexpr double kVisemeTolerance = 0.020;
constexpr double kEventTolerance = 0.020;
constexpr double kLongSilence = 0.200;
constexpr double kSilenceSettle = 0.080;

struct LipSyncScore {
  std::size_t steps = 0, viseme_exact = 0, viseme_tolerant = 0;
  std::size_t bilabials = 0, bilabials_closed = 0;
  std::size_t closures = 0, closures_on_bilabials = 0;
  std::size_t long_silences = 0, long_silences_at_rest = 0;

  double exact_accuracy() const { return steps ? double(viseme_exact) / steps : 0; }
  double tolerant_accuracy() const { return steps ? double(viseme_tolerant) / steps : 0; }
  double bilabial_recall() const { return bilabials ? double(bilabials_closed) / bilabials : 1; }
  double bilabial_precision() const { return closures ? double(closures_on_bilabials) / closures : 1; }
  double silence_rest() const { return long_silences ? double(long_silences_at_rest) / long_silences : 1; }
};

// Throws Error(InvalidArgument) for unknown phones or fps <= 0.
LipSyncScore score_lip_sync(std::span<const FaceFrame> frames, double fps, std::span<const PhoneSegment> truth);

}  // namespace facecast::animation
