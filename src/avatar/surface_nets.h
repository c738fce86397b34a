// Turns a signed distance field into a smooth triangle mesh (naive surface nets,
// then each vertex projected onto the zero level so the surface is exact, not blocky).
#pragma once
#include <functional>

#include "avatar/mesh.h"

namespace facecast::avatar {

using DistanceField = std::function<float(Vec3)>;

struct GridBox {
  Vec3 min, max;
  float cell = 0.002f;  // edge length of one voxel, metres
};

// Positions, outward normals (field gradient) and CCW triangles; colours left empty.
Mesh mesh_field(const DistanceField& field, const GridBox& box);

Vec3 field_gradient(const DistanceField& field, Vec3 p, float h);

}  // namespace facecast::avatar
