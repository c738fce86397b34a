// Builds every part of one avatar and gives each moving mesh its morph targets.
#pragma once
#include <vector>

#include "avatar/mesh.h"
#include "avatar/preset.h"

namespace facecast::avatar {

std::vector<Mesh> assemble_avatar(const Preset& preset);

}  // namespace facecast::avatar
