// The skin: head, neck and ears, coloured (lips, blush, dark mouth interior), with the
// lips brought together after meshing so upper and lower lip stay separate surfaces.
#include <cmath>

#include "avatar/head_shape.h"
#include "avatar/parts.h"
#include "avatar/simplify.h"
#include "avatar/surface_nets.h"

namespace facecast::avatar {

namespace {

// Moves the lips of the modelled (open) mouth together, leaving a hairline seam.
Vec3 lip_closure(Vec3 open, const FaceLayout& L) {
  float half = L.slit_half_height(open.x);
  if (half <= 0) return {0, 0, 0};
  float side = std::clamp((open.y - L.mouth_y) / std::max(half, 0.0012f), -1.0f, 1.0f);
  float amount = half > 0.0006f ? half + 0.00008f : half * (1 + 0.00008f / 0.0006f);  // a hair of overlap: no gap shows
  float reach = smoothstep(0.016f, 0.006f, std::fabs(open.y - L.mouth_y)) *
                smoothstep(L.lip_front_z - 0.030f, L.lip_front_z - 0.014f, open.z);
  return {0, -side * amount * reach, 0};
}

struct MouthInterior {
  float inside, depth;  // 0..1: on the mouth's inner walls; how far behind the lips
  float corner;         // 0..1: on the slit's walls near a mouth corner
};

MouthInterior mouth_interior(Vec3 p, const FaceLayout& L) {
  // Depth is measured from the lips' front where they are: it curves back towards the corners.
  float u = std::min(1.0f, std::fabs(p.x) / L.mouth_corner_x);
  float front = L.lip_front_z - 0.010f * u * u;
  float cavity = mouth_cavity_field(p, L);
  float inside = smoothstep(0.0025f, 0.0005f, cavity) * smoothstep(front - 0.004f, front - 0.010f, p.z);
  // Towards the corners the slit's walls (between the lips, just behind their front) open
  // up when the jaw drops: they are inner lip, not skin, or they catch the light as pale
  // specks at the commissures.
  float corner_wall = smoothstep(0.0012f, 0.0003f, cavity) * smoothstep(0.6f, 0.85f, u) * smoothstep(1.1f, 0.98f, std::fabs(p.x) / L.mouth_corner_x) *
                      smoothstep(L.lip_front_z - 0.0045f, L.lip_front_z - 0.0075f, p.z);
  return {std::max(inside, corner_wall), smoothstep(front - 0.010f, front - 0.030f, p.z), corner_wall};
}

}  // namespace

Vec3 skin_color(Vec3 p, const Preset& preset, const FaceLayout& L) {
  Vec3 skin = hex_color(preset.skin), lips = hex_color(preset.lips);
  Vec3 m{std::fabs(p.x), p.y, p.z};
  // A little warmth on cheeks, nose tip and ears.
  float blush = 0.22f * bump(length(m - Vec3{0.040f, -0.022f, 0.068f}), 0.024f) +
                0.12f * bump(length(p - L.nose_tip), 0.012f) + 0.10f * bump(length(m - Vec3{0.078f, 0, -0.012f}), 0.02f);
  Vec3 c = lerp(skin, mul(skin, lips) * 1.6f, blush);
  // A soft shade in the eye socket's upper inner corner, under the brow beside the nose:
  // gives the eyes depth (lids and skin both take their colour from here, so it matches).
  const Vec3 eye = L.eye_center[0];
  c = c * (1.0f - 0.10f * bump(length(Vec3{(m.x - (eye.x - 0.008f)) / 1.3f, m.y - (eye.y + 0.008f), 0}), 0.011f) *
                   smoothstep(0.04f, 0.07f, p.z));
  // The ear's hollows (inside the rim, the concha) a little darker than its ridges, so
  // helix and antihelix read even in flat light.
  Vec3 e = ear_local(m, L);
  float in_ear = bump(std::hypot(e.y / 0.024f, e.z / 0.015f), 1.0f) * smoothstep(-0.002f, 0.002f, e.x);
  c = c * (1.0f - 0.30f * in_ear * smoothstep(0.0075f, 0.0030f, e.x));
  float on_lips = smoothstep(0.0011f, 0.0001f, lips_field(p, L));  // a crisp vermilion border
  c = lerp(c, lips, on_lips);
  // The nostrils' walls (on the cut) dark, so they read as openings from below; nothing round
  // them is darkened. The back wall, which faces forward, only half as dark: fully dark it
  // showed from the front as a slit under each wing, left as skin it caught the light as a speck.
  const float back_wall = L.nose_tip.z - 0.0118f * L.nose_size - 0.0012f;
  float in_nostril = smoothstep(0.0012f, 0.0002f, nostril_field(p, L)) *
                     lerp(0.55f, 1.0f, smoothstep(back_wall - 0.0010f, back_wall + 0.0010f, p.z));
  c = lerp(c, skin * 0.22f, in_nostril);
  // Inside the mouth: from a dark lip colour at the seam to a warm dark red deep inside
  // (a mouth, not a hole); the slit's walls at the corners stay darker (lit, they read as specks).
  MouthInterior in = mouth_interior(p, L);
  Vec3 interior = lerp(lips * 0.50f, Vec3{0.20f, 0.040f, 0.047f}, in.depth);
  Vec3 corner = lerp(lips * 0.35f, Vec3{0.14f, 0.025f, 0.030f}, std::max(in.depth, 0.4f));
  return lerp(c, lerp(interior, corner, in.corner), in.inside);
}

SurfacePart make_skin(const Preset& preset, const FaceLayout& L) {
  GridBox box{{-0.100f, L.neck_bottom_y - 0.01f, -0.118f}, {0.100f, 0.128f, 0.122f}, 0.0014f};
  Mesh mesh = mesh_field([&](Vec3 p) { return skin_field(p, L); }, box);
  mesh.name = "Skin";
  mesh.material = {"Skin", {1, 1, 1}, 0.55f, 0.0f, false};
  SurfacePart part = as_surface_part(std::move(mesh), VertexKind::skin);
  simplify_part(part, 0.00008f);
  part.mesh.colors.resize(part.open.size());
  std::vector<bool> moved(part.open.size());
  for (std::size_t v = 0; v < part.open.size(); ++v) {
    part.mesh.colors[v] = skin_color(part.open[v], preset, L);
    Vec3 shift = lip_closure(part.open[v], L);
    part.mesh.positions[v] += shift;
    moved[v] = length(shift) > 1e-6f;
  }
  // Where closing the lips reshaped the surface, the field's normals no longer fit.
  Mesh reshaped = part.mesh;
  compute_face_normals(reshaped);
  for (std::size_t v = 0; v < moved.size(); ++v)
    if (moved[v]) part.mesh.normals[v] = reshaped.normals[v];
  // The nose's base shades as a softer form: broad wing creases, no dark notch between
  // tip and wings from the front, and its underside turned a little forward to catch light.
  const Vec3 base = L.nose_tip + Vec3{0, -0.0060f, -0.0090f};
  for (std::size_t v = 0; v < moved.size(); ++v) {
    Vec3 q = part.open[v];
    float w = bump(length(Vec3{(q.x - base.x) / 1.6f, q.y - base.y, q.z - base.z}), 0.012f);
    if (w <= 0) continue;
    Vec3 soft = normalize(field_gradient([&](Vec3 x) { return nose_shading_field(x, L); }, q, 0.0006f));
    soft = normalize(soft + Vec3{0, 0, 0.6f} * smoothstep(-0.2f, -0.8f, soft.y));
    part.mesh.normals[v] = normalize(lerp(part.mesh.normals[v], soft, w));
  }
  // Deep in the mouth the walls lean partly down, away from the lights: an open mouth reads a
  // dark warm red inside without catching bright highlights on its floor; the slit's
  // walls at the corners face down almost fully (lit, they read as pale specks).
  for (std::size_t v = 0; v < moved.size(); ++v) {
    MouthInterior in = mouth_interior(part.open[v], L);
    float w = std::max(0.35f * in.inside * smoothstep(0.02f, 0.3f, in.depth), 0.72f * in.corner);
    if (w > 0) part.mesh.normals[v] = normalize(lerp(part.mesh.normals[v], Vec3{0, -1, 0}, w));
  }
  return part;
}

SurfacePart as_surface_part(Mesh mesh, VertexKind kind) {
  SurfacePart part;
  part.open = mesh.positions;
  part.kinds.assign(mesh.positions.size(), kind);
  part.mesh = std::move(mesh);
  return part;
}

}  // namespace facecast::avatar
