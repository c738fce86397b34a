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
  // A soft arch, highest a little outside the middle, full at the head and thin at the tail.
  const float w = L.face_width, y = L.brow_y;
  constexpr int kPoints = 9;
  Vec3 flat{m.x, m.y, 0};
  float d = 1e9f;
  Vec3 prev{};
  float prev_r = 0;
  for (int i = 0; i < kPoints; ++i) {
    float t = i / float(kPoints - 1);
    Vec3 pt{lerp(0.011f, 0.055f * w, t), y - 0.0022f + 0.0072f * std::sin(3.1415927f * (0.16f + 0.84f * t)), 0};
    // Full at the head, tapering to a fine point at the tail (a round end read as a dot at small scale).
    float r = lerp(0.0029f * L.brow_weight, 0.0003f, std::pow(t, 1.5f));
    if (i > 0) d = std::min(d, sdf::capsule(flat, prev, pt, prev_r, r));
    prev = pt;
    prev_r = r;
  }
  return d;
}

}  // namespace

SurfacePart make_brows(const Preset& preset, const FaceLayout& L) {
  auto field = [&](Vec3 p) {
    Vec3 m{std::fabs(p.x), p.y, p.z};
    float arch = brow_arch(m, L);
    if (arch > 0.002f || p.z < 0.02f) return std::max(arch, 0.02f - p.z);
    float skin = skin_field(p, L);
    // A 1 mm layer on the skin, thinning towards the tail so its point lies flat.
    float height = lerp(0.0010f, 0.0006f, smoothstep(0.035f * L.face_width, 0.055f * L.face_width, m.x));
    return std::max({arch, skin - height, -skin - 0.0006f});
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
