// Targets made of ARKit shapes: the 15 Oculus visemes and the Ready Player Me extras.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "core/names.h"

namespace facecast::avatar {

struct Combination {
  std::string name;
  std::vector<std::pair<Blendshape, float>> parts;
};

// viseme_sil … viseme_U, then mouthOpen, mouthSmile, eyesClosed, eyesLookUp, eyesLookDown.
const std::vector<Combination>& combinations();

}  // namespace facecast::avatar
