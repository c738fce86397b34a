// Articulators -> ARKit mouth weights, in two steps so motion can be limited
// in between: mouth_targets() applies loudness and the strength settings,
// write_mouth() applies the lip seal. ARKit's mouthClose is relative to the
// jaw: lips meet when mouthClose equals jawOpen, so a seal is written as
// mouthClose = closure * jawOpen rather than as a fixed value.
#pragma once
#include "animation/coarticulation.h"
#include "core/animation.h"
#include "core/settings.h"

namespace facecast::animation {

constexpr float kPressInClosure = 0.3f;  // lips pressed a little whenever sealed

// Output-scale articulator values in [0,1]: Jaw is the final jawOpen (vowel
// part scaled by `loudness_gain`, then lower_face_strength, plus
// lip_open_offset while speaking); the rest are scaled by lower_face_strength.
Pose mouth_targets(const MouthState& mouth, float loudness_gain, const FaceSettings& settings);

// Writes the mouth, jaw, tongue and viseme weights of `frame` (others untouched).
// Shapes that part the lips fade while the lips are sealed; the press of a
// seal scales with lower_face_strength like every other mouth shape.
void write_mouth(const Pose& values, const MouthState& mouth, float lower_face_strength, FaceFrame& frame);

}  // namespace facecast::animation
