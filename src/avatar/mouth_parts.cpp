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

// One row of teeth along an elliptic arch; widths shrink from incisors to the back.
float teeth_row(Vec3 p, const Arch& a) {
  float d = 1e9f;
  const float widths[] = {0.0043f, 0.0036f, 0.0040f, 0.0042f, 0.0048f};
  float angle = 0.05f;
  const float cz = a.front_z - a.depth;
  for (float w : widths) {
    float mid = angle + 0.5f * w / a.half_width * 1.15f;
    for (float s : {-1.0f, 1.0f}) {
      float ang = s * mid;
      Vec3 c{a.half_width * std::sin(ang), 0.5f * (a.y_edge + a.y_gum), cz + a.depth * std::cos(ang)};
      Vec3 t = normalize(Vec3{a.half_width * std::cos(ang), 0, -a.depth * std::sin(ang)});
      Vec3 n{t.z, 0, -t.x};
      Vec3 q = p - c;
      Vec3 local{dot(q, t), q.y, dot(q, n)};
      float half_h = 0.5f * std::fabs(a.y_gum - a.y_edge) + 0.001f;
      d = std::min(d, round_box(local, {0, 0, 0}, {0.5f * w - 0.0003f, half_h, 0.0018f + 0.0006f * (angle > 0.3f)}, 0.0011f));
    }
    angle += w / a.half_width * 1.15f;
  }
  // Gums: a rounded ridge along the arch at the gum line.
  float gy = a.y_gum + (a.y_gum > a.y_edge ? 0.0015f : -0.0015f);
  Vec3 q{p.x / a.half_width, 0, (p.z - cz) / a.depth};
  float ring = std::fabs(length(q) - 1.0f) * std::min(a.half_width, a.depth);
  float gum = length(Vec3{ring, p.y - gy, 0}) - 0.0028f;
  gum = std::max(gum, cz + 0.004f - p.z);  // only the front part of the arch
  return smooth_union(d, gum, 0.0012f);
}

Arch upper_arch(const FaceLayout& L) {
  return {L.mouth_y - 0.0007f, L.mouth_y + 0.0085f, L.lip_front_z - 0.0095f, 0.021f * L.jaw_width, 0.024f};
}
Arch lower_arch(const FaceLayout& L) {
  return {L.mouth_y - 0.0012f, L.mouth_y - 0.0095f, L.lip_front_z - 0.0118f, 0.0185f * L.jaw_width, 0.021f};
}

}  // namespace

SurfacePart make_teeth(const FaceLayout& L) {
  Arch up = upper_arch(L), lo = lower_arch(L);
  auto field = [&](Vec3 p) { return std::min(teeth_row(p, up), teeth_row(p, lo)); };
  GridBox box{{-0.032f, L.mouth_y - 0.016f, L.lip_front_z - 0.045f}, {0.032f, L.mouth_y + 0.015f, L.lip_front_z}, 0.00045f};
  Mesh mesh = mesh_field(field, box);
  mesh.name = "Teeth";
  mesh.material = {"Teeth", {1, 1, 1}, 0.3f, 0.0f, false};
  SurfacePart part = as_surface_part(std::move(mesh), VertexKind::upper_teeth);
  simplify_part(part, 0.00005f);
  const Vec3 enamel = hex_color(0xF4EEE2), gum = hex_color(0xC8706E);
  part.mesh.colors.resize(part.open.size());
  for (std::size_t v = 0; v < part.open.size(); ++v) {
    Vec3 p = part.open[v];
    bool lower = p.y < L.mouth_y - 0.001f;
    part.kinds[v] = lower ? VertexKind::lower_teeth : VertexKind::upper_teeth;
    float gum_line = lower ? lo.y_gum : up.y_gum;
    float on_gum = smoothstep(0.0008f, -0.0004f, (lower ? p.y - gum_line : gum_line - p.y));
    float back = smoothstep(L.lip_front_z - 0.02f, L.lip_front_z - 0.04f, p.z);  // back teeth in shadow
    part.mesh.colors[v] = lerp(enamel, gum, on_gum) * lerp(1.0f, 0.35f, back);
  }
  return part;
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
  const Vec3 tongue = hex_color(0xC65F63);
  part.mesh.colors.resize(part.open.size());
  for (std::size_t v = 0; v < part.open.size(); ++v) {
    float back = smoothstep(L.lip_front_z - 0.025f, L.lip_front_z - 0.06f, part.open[v].z);
    part.mesh.colors[v] = tongue * lerp(1.0f, 0.3f, back);
  }
  return part;
}

}  // namespace facecast::avatar
