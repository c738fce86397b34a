// The fixed vocabularies of Facecast's output: ARKit's 52 blendshapes in Apple
// order (also the Live Link Face CSV column order) and the 15 Oculus visemes.
#pragma once
#include <array>
#include <cstddef>
#include <string_view>

namespace facecast {

constexpr std::size_t kBlendshapeCount = 52;
constexpr std::size_t kVisemeCount = 15;

// Index of each ARKit blendshape in a frame's weight array.
enum Blendshape : std::size_t {
  eyeBlinkLeft, eyeLookDownLeft, eyeLookInLeft, eyeLookOutLeft, eyeLookUpLeft, eyeSquintLeft,
  eyeWideLeft, eyeBlinkRight, eyeLookDownRight, eyeLookInRight, eyeLookOutRight, eyeLookUpRight,
  eyeSquintRight, eyeWideRight, jawForward, jawLeft, jawRight, jawOpen, mouthClose, mouthFunnel,
  mouthPucker, mouthLeft, mouthRight, mouthSmileLeft, mouthSmileRight, mouthFrownLeft,
  mouthFrownRight, mouthDimpleLeft, mouthDimpleRight, mouthStretchLeft, mouthStretchRight,
  mouthRollLower, mouthRollUpper, mouthShrugLower, mouthShrugUpper, mouthPressLeft,
  mouthPressRight, mouthLowerDownLeft, mouthLowerDownRight, mouthUpperUpLeft, mouthUpperUpRight,
  browDownLeft, browDownRight, browInnerUp, browOuterUpLeft, browOuterUpRight, cheekPuff,
  cheekSquintLeft, cheekSquintRight, noseSneerLeft, noseSneerRight, tongueOut,
};

// Index of each Oculus viseme in a frame's viseme array.
enum Viseme : std::size_t { sil, PP, FF, TH, DD, kk, CH, SS, nn, RR, aa, E, I, O, U };

extern const std::array<std::string_view, kBlendshapeCount> kBlendshapeNames;
extern const std::array<std::string_view, kVisemeCount> kVisemeNames;

}  // namespace facecast
