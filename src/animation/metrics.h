// Lip-sync quality definitions shared by the tests and bench/ (so the
// benchmark and the synth agree on what "closed" and "at rest" mean). All
// read only the ARKit blendshapes of a frame.
#pragma once
#include "core/animation.h"

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

}  // namespace facecast::animation
