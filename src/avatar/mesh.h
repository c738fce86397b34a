// A triangle mesh of one avatar part, with per-vertex colour and named morph targets.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "avatar/vec3.h"

namespace facecast::avatar {

struct MorphTarget {
  std::string name;
  std::vector<Vec3> deltas;  // one per vertex, or empty when the target leaves this mesh still
};

struct Material {
  std::string name;
  Vec3 base_color{1, 1, 1};  // linear RGB, multiplied by vertex colours
  float roughness = 0.6f;
  float metallic = 0.0f;
  bool double_sided = false;
};

struct Mesh {
  std::string name;
  Material material;
  std::vector<Vec3> positions;
  std::vector<Vec3> normals;
  std::vector<Vec3> colors;  // linear RGB
  std::vector<std::uint32_t> indices;
  std::vector<MorphTarget> targets;
};

// Area-weighted vertex normals from the triangles.
void compute_face_normals(Mesh& mesh);
// Appends `other`'s geometry to `mesh` (targets are not merged).
void append_geometry(Mesh& mesh, const Mesh& other);
// Flips triangles whose winding disagrees with the given outward direction at their centroid.
void orient_triangles(Mesh& mesh, const std::function<Vec3(Vec3)>& outward);

// sRGB colour (0..1) to linear, since glTF colours are linear.
Vec3 srgb_to_linear(Vec3 srgb);
Vec3 hex_color(std::uint32_t rgb);

}  // namespace facecast::avatar
