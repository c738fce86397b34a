// Eyebrows: a thin layer lying on the forehead skin, shaped by a tapered arch per side.
#include <cmath>

#include "avatar/head_shape.h"
#include "avatar/parts.h"
#include "avatar/sdf.h"
#include "avatar/simplify.h"
#include "avatar/surface_nets.h"

namespace facecast::avatar {

namespace {

// Distance in the face plane (x, y) to the +X brow arch.
float brow_arch(Vec3 m, const FaceLayout& L) {
  const float w = L.face_width, y = L.brow_y;
  const Vec3 pts[4] = {{0.011f, y - 0.0025f, 0}, {0.024f * w, y + 0.0035f, 0}, {0.040f * w, y + 0.0042f, 0},
                       {0.052f * w, y - 0.002f, 0}};
  const float radius[4] = {0.0030f, 0.0027f, 0.0020f, 0.0009f};
  Vec3 flat{m.x, m.y, 0};
  float d = 1e9f;
  for (int i = 0; i < 3; ++i) d = std::min(d, sdf::capsule(flat, pts[i], pts[i + 1], radius[i], radius[i + 1]));
  return d;
}

}  // namespace

SurfacePart make_brows(const Preset& preset, const FaceLayout& L) {
  auto field = [&](Vec3 p) {
    Vec3 m{std::fabs(p.x), p.y, p.z};
    float arch = brow_arch(m, L);
    if (arch > 0.002f || p.z < 0.02f) return std::max(arch, 0.02f - p.z);
    float skin = skin_field(p, L);
    return std::max({arch, skin - 0.0010f, -skin - 0.0006f});  // a 1 mm layer on the skin
  };
  GridBox box{{-0.062f, L.brow_y - 0.012f, 0.03f}, {0.062f, L.brow_y + 0.012f, 0.095f}, 0.0005f};
  Mesh mesh = mesh_field(field, box);
  mesh.name = "Eyebrows";
  mesh.material = {"Eyebrows", {1, 1, 1}, 0.85f, 0.0f, false};
  SurfacePart part = as_surface_part(std::move(mesh), VertexKind::skin);
  simplify_part(part, 0.00005f);
  const Vec3 color = hex_color(preset.brows);
  part.mesh.colors.resize(part.open.size());
  for (std::size_t v = 0; v < part.open.size(); ++v) {
    Vec3 p = part.open[v];
    float strands = 0.85f + 0.15f * std::sin(p.x * 2400.0f + p.y * 900.0f);  // hint of hair direction
    part.mesh.colors[v] = color * strands;
  }
  return part;
}

}  // namespace facecast::avatar
