// Teeth (upper and lower rows with gums) and tongue, modelled as fields inside the mouth.
#include <cmath>

#include "avatar/head_shape.h"
#include "avatar/parts.h"
#include "avatar/sdf.h"
#include "avatar/simplify.h"
#include "avatar/surface_nets.h"

namespace facecast::avatar {

using namespace sdf;

namespace {

struct Arch {
  float y_edge, y_gum;  // biting edge and gum line heights
  float front_z, half_width, depth;
};

// One row of teeth: a band along an elliptic arch (front half only), with shallow
// grooves between teeth and a rounded biting edge, plus a gum ridge along its top.
float teeth_row(Vec3 p, const Arch& a) {
  const float cz = a.front_z - a.depth;
  Vec3 q{p.x / a.half_width, 0, (p.z - cz) / a.depth};
  float angle = std::atan2(q.x, q.z);                       // 0 at the front incisors
  float ring = (length(q) - 1.0f) * std::min(a.half_width, a.depth);  // signed, + outside the arch
  const float top = std::max(a.y_edge, a.y_gum), bottom = std::min(a.y_edge, a.y_gum);
  float groove = 0.00035f * std::pow(std::fabs(std::cos(angle * 6.2f)), 8.0f);
  float band = length(Vec3{std::max(std::fabs(ring) - 0.0012f + groove, 0.0f),
                           std::max(std::max(p.y - top, bottom - p.y) + 0.0009f, 0.0f), 0}) - 0.0009f;
  band = std::max(band, std::fabs(angle) - 1.25f);  // front teeth only; molars stay hidden anyway
  float gy = a.y_gum + (a.y_gum > a.y_edge ? 0.0012f : -0.0012f);
  float gum = length(Vec3{ring + 0.0004f, p.y - gy, 0}) - 0.0022f;
  gum = std::max(gum, std::fabs(angle) - 1.3f);
  return smooth_union(band, gum, 0.0008f);
}

Arch upper_arch(const FaceLayout& L) {
  return {L.mouth_y - 0.0009f, L.mouth_y + 0.0065f, L.lip_front_z - 0.0175f, 0.020f * L.jaw_width, 0.022f};
}
Arch lower_arch(const FaceLayout& L) {
  return {L.mouth_y - 0.0012f, L.mouth_y - 0.0085f, L.lip_front_z - 0.0220f, 0.0180f * L.jaw_width, 0.020f};
}

}  // namespace

SurfacePart make_teeth(const FaceLayout& L) {
  const Arch up = upper_arch(L), lo = lower_arch(L);
  const Vec3 enamel = hex_color(0xEDE6D8), gum = hex_color(0xB85A5E);
  // Each row is meshed on its own so the rows never fuse where they overlap.
  SurfacePart teeth;
  for (const Arch* arch : {&up, &lo}) {
    const bool lower = arch == &lo;
    GridBox box{{-0.032f, L.mouth_y - (lower ? 0.016f : 0.006f), L.lip_front_z - 0.045f},
                {0.032f, L.mouth_y + (lower ? 0.003f : 0.015f), L.lip_front_z}, 0.00045f};
    SurfacePart row = as_surface_part(mesh_field([&](Vec3 p) { return teeth_row(p, *arch); }, box),
                                      lower ? VertexKind::lower_teeth : VertexKind::upper_teeth);
    simplify_part(row, 0.00005f);
    row.mesh.colors.resize(row.open.size());
    for (std::size_t v = 0; v < row.open.size(); ++v) {
      Vec3 p = row.open[v];
      float on_gum = smoothstep(-0.0006f, 0.0004f, lower ? arch->y_gum - p.y : p.y - arch->y_gum);
      float back = smoothstep(L.lip_front_z - 0.025f, L.lip_front_z - 0.045f, p.z);  // back teeth in shadow
      // The side teeth sit in the cheeks' shadow (else their ends show as white specks at the mouth corners).
      float side = smoothstep(0.55f, 0.9f, std::fabs(p.x) / arch->half_width);
      row.mesh.colors[v] = lerp(enamel, gum, on_gum) * lerp(1.0f, 0.35f, std::max(back, 0.8f * side));
    }
    append_geometry(teeth.mesh, row.mesh);
    teeth.open.insert(teeth.open.end(), row.open.begin(), row.open.end());
    teeth.kinds.insert(teeth.kinds.end(), row.kinds.begin(), row.kinds.end());
  }
  teeth.mesh.name = "Teeth";
  teeth.mesh.material = {"Teeth", {1, 1, 1}, 0.3f, 0.0f, false};
  return teeth;
}

SurfacePart make_tongue(const FaceLayout& L) {
  auto field = [&](Vec3 p) {
    float body = ellipsoid(p, {0, L.mouth_y - 0.0105f, L.lip_front_z - 0.040f}, {0.0165f, 0.0068f, 0.027f});
    float groove = length(Vec3{p.x, (p.y - (L.mouth_y - 0.002f)) * 0.6f, 0}) - 0.0022f;
    return smooth_subtract(body, groove, 0.003f);
  };
  GridBox box{{-0.02f, L.mouth_y - 0.02f, L.lip_front_z - 0.07f}, {0.02f, L.mouth_y + 0.0f, L.lip_front_z - 0.008f}, 0.0008f};
  Mesh mesh = mesh_field(field, box);
  mesh.name = "Tongue";
  mesh.material = {"Tongue", {1, 1, 1}, 0.45f, 0.0f, false};
  SurfacePart part = as_surface_part(std::move(mesh), VertexKind::tongue);
  simplify_part(part, 0.00005f);
  const Vec3 tongue = hex_color(0xA8454C);
  part.mesh.colors.resize(part.open.size());
  for (std::size_t v = 0; v < part.open.size(); ++v) {
    float back = smoothstep(L.lip_front_z - 0.025f, L.lip_front_z - 0.06f, part.open[v].z);
    part.mesh.colors[v] = tongue * lerp(1.0f, 0.3f, back);
  }
  return part;
}

}  // namespace facecast::avatar
