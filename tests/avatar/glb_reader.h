// Test helper: reads a GLB back (independently of the writer) into meshes with their
// rest positions and dense morph target deltas, looked up by target name.
#pragma once
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "avatar/vec3.h"

namespace facecast::avatar::testing {

struct ReadMesh {
  std::string name;
  std::vector<Vec3> positions;
  std::map<std::string, std::vector<Vec3>> targets;  // name -> delta per vertex
  std::vector<std::string> target_order;
};

struct ReadGlb {
  std::vector<ReadMesh> meshes;
  const ReadMesh& mesh(const std::string& name) const;
};

// Throws std::runtime_error on anything malformed.
ReadGlb read_glb(const std::vector<std::byte>& bytes);
std::vector<std::byte> read_file(const std::string& path);

}  // namespace facecast::avatar::testing
