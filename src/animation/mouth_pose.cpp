#include "animation/mouth_pose.h"

#include <algorithm>

namespace facecast::animation {
namespace {

float unit(double x) { return static_cast<float>(std::clamp(x, 0.0, 1.0)); }

}  // namespace

Pose mouth_targets(const MouthState& m, float loudness_gain, const FaceSettings& settings) {
  const double strength = settings.lower_face_strength;
  Pose out;
  for (std::size_t k = 0; k < kParamCount; ++k) out[k] = unit(m.pose[k] * strength);
  const double jaw = (m.pose[Jaw] - m.vowel_jaw) + m.vowel_jaw * loudness_gain;
  out[Jaw] = unit(jaw * strength + settings.lip_open_offset * m.speech);
  return out;
}

void write_mouth(const Pose& v, const MouthState& m, float lower_face_strength, FaceFrame& frame) {
  const float seal = std::clamp(m.closure, 0.0f, 1.0f);
  const float open = 1.0f - seal;
  auto& w = frame.blendshapes;
  w[jawOpen] = v[Jaw];
  w[mouthClose] = seal * v[Jaw];
  w[mouthFunnel] = v[Funnel] * open;
  w[mouthPucker] = v[Pucker];
  w[mouthStretchLeft] = w[mouthStretchRight] = v[Stretch];
  w[mouthSmileLeft] = w[mouthSmileRight] = v[Smile];
  w[mouthRollLower] = v[RollLower];
  w[mouthRollUpper] = v[RollUpper];
  w[mouthShrugLower] = v[ShrugLower];
  w[mouthShrugUpper] = v[ShrugUpper];
  w[mouthPressLeft] = w[mouthPressRight] = std::max(v[Press], unit(kPressInClosure * lower_face_strength * seal));
  w[mouthLowerDownLeft] = w[mouthLowerDownRight] = v[LowerDown] * open;
  w[mouthUpperUpLeft] = w[mouthUpperUpRight] = v[UpperUp] * open;
  w[tongueOut] = v[Tongue];
  for (std::size_t i = 0; i < kVisemeCount; ++i) frame.visemes[i] = unit(m.visemes[i]);
}

}  // namespace facecast::animation
