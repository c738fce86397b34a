#include "animation/face_life.h"

namespace facecast::animation {

std::vector<std::unique_ptr<FaceLayer>> make_face_life_layers(const FaceSettings& /*settings*/) {
  return {};  // eyes, blinks, brows, head and emotion arrive with issue 3
}

}  // namespace facecast::animation
