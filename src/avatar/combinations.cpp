#include "avatar/combinations.h"

namespace facecast::avatar {

const std::vector<Combination>& combinations() {
  static const std::vector<Combination> all = {
      {"viseme_sil", {}},
      {"viseme_PP", {{mouthPressLeft, 0.5f}, {mouthPressRight, 0.5f}, {mouthRollLower, 0.25f}, {mouthRollUpper, 0.2f}}},
      {"viseme_FF", {{mouthRollLower, 0.65f}, {mouthUpperUpLeft, 0.25f}, {mouthUpperUpRight, 0.25f}, {jawOpen, 0.08f},
                     {mouthShrugUpper, 0.2f}}},
      {"viseme_TH", {{jawOpen, 0.18f}, {tongueOut, 0.4f}, {mouthLowerDownLeft, 0.2f}, {mouthLowerDownRight, 0.2f}}},
      {"viseme_DD", {{jawOpen, 0.2f}, {mouthStretchLeft, 0.2f}, {mouthStretchRight, 0.2f}, {mouthSmileLeft, 0.1f},
                     {mouthSmileRight, 0.1f}}},
      {"viseme_kk", {{jawOpen, 0.22f}, {mouthStretchLeft, 0.3f}, {mouthStretchRight, 0.3f}, {mouthLowerDownLeft, 0.15f},
                     {mouthLowerDownRight, 0.15f}}},
      {"viseme_CH", {{jawOpen, 0.12f}, {mouthFunnel, 0.45f}, {mouthPucker, 0.15f}, {mouthUpperUpLeft, 0.2f},
                     {mouthUpperUpRight, 0.2f}}},
      {"viseme_SS", {{jawOpen, 0.06f}, {mouthStretchLeft, 0.45f}, {mouthStretchRight, 0.45f}, {mouthSmileLeft, 0.25f},
                     {mouthSmileRight, 0.25f}, {mouthUpperUpLeft, 0.15f}, {mouthUpperUpRight, 0.15f},
                     {mouthLowerDownLeft, 0.2f}, {mouthLowerDownRight, 0.2f}}},
      {"viseme_nn", {{jawOpen, 0.15f}, {mouthStretchLeft, 0.2f}, {mouthStretchRight, 0.2f}}},
      {"viseme_RR", {{jawOpen, 0.15f}, {mouthFunnel, 0.3f}, {mouthPucker, 0.3f}}},
      {"viseme_aa", {{jawOpen, 0.6f}, {mouthLowerDownLeft, 0.3f}, {mouthLowerDownRight, 0.3f}, {mouthUpperUpLeft, 0.1f},
                     {mouthUpperUpRight, 0.1f}}},
      {"viseme_E", {{jawOpen, 0.3f}, {mouthStretchLeft, 0.45f}, {mouthStretchRight, 0.45f}, {mouthSmileLeft, 0.2f},
                    {mouthSmileRight, 0.2f}, {mouthLowerDownLeft, 0.2f}, {mouthLowerDownRight, 0.2f},
                    {mouthUpperUpLeft, 0.15f}, {mouthUpperUpRight, 0.15f}}},
      {"viseme_I", {{jawOpen, 0.2f}, {mouthSmileLeft, 0.45f}, {mouthSmileRight, 0.45f}, {mouthStretchLeft, 0.3f},
                    {mouthStretchRight, 0.3f}}},
      {"viseme_O", {{jawOpen, 0.4f}, {mouthFunnel, 0.65f}, {mouthPucker, 0.2f}}},
      {"viseme_U", {{jawOpen, 0.15f}, {mouthPucker, 0.85f}, {mouthFunnel, 0.25f}}},
      {"mouthOpen", {{jawOpen, 0.7f}, {mouthLowerDownLeft, 0.3f}, {mouthLowerDownRight, 0.3f}, {mouthUpperUpLeft, 0.2f},
                     {mouthUpperUpRight, 0.2f}}},
      {"mouthSmile", {{mouthSmileLeft, 1.0f}, {mouthSmileRight, 1.0f}}},
      {"eyesClosed", {{eyeBlinkLeft, 1.0f}, {eyeBlinkRight, 1.0f}}},
      {"eyesLookUp", {{eyeLookUpLeft, 1.0f}, {eyeLookUpRight, 1.0f}}},
      {"eyesLookDown", {{eyeLookDownLeft, 1.0f}, {eyeLookDownRight, 1.0f}}},
  };
  return all;
}

}  // namespace facecast::avatar
