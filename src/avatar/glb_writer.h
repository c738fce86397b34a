// Writes avatar meshes as one glTF 2.0 binary (.glb). Morph targets are stored as
// sparse accessors (most targets move a small part of a mesh) and named through
// mesh.extras.targetNames, which three.js turns into morphTargetDictionary.
#pragma once
#include <cstddef>
#include <vector>

#include "avatar/mesh.h"

namespace facecast::avatar {

// Every mesh that has targets must list them in the same order (names from its targets).
std::vector<std::byte> write_glb_bytes(const std::vector<Mesh>& meshes, const std::string& root_name);

}  // namespace facecast::avatar
