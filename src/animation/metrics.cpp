#include "animation/metrics.h"

#include <algorithm>

namespace facecast::animation {

float lip_aperture(const FaceFrame& f) {
  const auto& w = f.blendshapes;
  const float jaw_gap = std::max(0.0f, w[jawOpen] - w[mouthClose]);
  const float lips_apart = 0.5f * 0.5f * (w[mouthLowerDownLeft] + w[mouthLowerDownRight]) +
                           0.5f * 0.5f * (w[mouthUpperUpLeft] + w[mouthUpperUpRight]);
  const float lips_in = 0.25f * std::max(w[mouthRollLower], w[mouthRollUpper]) +
                        0.25f * 0.5f * (w[mouthPressLeft] + w[mouthPressRight]);
  return std::clamp(jaw_gap + lips_apart - lips_in, 0.0f, 1.0f);
}

bool lips_closed(const FaceFrame& f) { return lip_aperture(f) < kLipsClosedAperture; }

bool mouth_at_rest(const FaceFrame& f) {
  if (!lips_closed(f) || f.blendshapes[jawOpen] >= kRestJawOpen) return false;
  for (Blendshape b : {mouthFunnel, mouthPucker, mouthStretchLeft, mouthStretchRight, mouthSmileLeft,
                       mouthSmileRight, mouthRollLower, mouthRollUpper, mouthShrugLower, mouthShrugUpper,
                       mouthPressLeft, mouthPressRight, mouthLowerDownLeft, mouthLowerDownRight,
                       mouthUpperUpLeft, mouthUpperUpRight, tongueOut})
    if (f.blendshapes[b] >= kRestMouthShape) return false;
  return true;
}

}  // namespace facecast::animation
