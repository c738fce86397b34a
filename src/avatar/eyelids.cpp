// Eyelids: skin-coloured shells just outside each eyeball whose edges outline an almond
// opening. Blinks and squints slide the edges over the eye (rows stay on the sphere),
// so the lids always cover the eyeball cleanly. Lashes ride on the upper edge.
#include <cmath>

#include "avatar/lid_surface.h"
#include "avatar/parts.h"

namespace facecast::avatar {

namespace {

constexpr int kColumns = 52;
constexpr float kLateral = 1.55f;  // extent of the shells towards the ear, radians
constexpr float kMedial = 1.05f;   // and towards the nose (stays on its own side)
constexpr float kTop = 1.25f;    // elevation where the upper shell ends, under the brow skin
constexpr float kBottom = -1.15f;

// Openness profile along the lateral coordinate u (0 at the corners).
float opening(float u) { return std::max(0.0f, 1.0f - std::pow((u - 0.07f) / 0.90f, 2.0f)); }

struct Edges {
  float upper, lower;  // elevations of the lid edges, radians
};

Edges lid_edges(float u, const LidPose& pose) {
  float f = opening(u);
  float tilt = 0.06f * u - 0.03f;  // outer corner a little higher: a friendly upturn
  float lower = -0.37f * std::pow(f, 0.8f) + tilt + pose.lower_raise * f;
  float upper = 0.44f * std::pow(f, 0.7f) + tilt + pose.upper_raise * f;
  upper = lerp(upper, lower - 0.015f, pose.upper_close);
  return {std::max(upper, lower - 0.015f), lower};
}

Vec3 direction(float phi, float theta) {
  return {std::sin(phi) * std::cos(theta), std::sin(theta), std::cos(phi) * std::cos(theta)};
}

// A grid of rows x kColumns vertices, rows listed edge first.
void add_grid(Mesh& mesh, int rows, bool flip) {
  auto base = static_cast<std::uint32_t>(mesh.positions.size()) - rows * kColumns;
  for (int r = 0; r + 1 < rows; ++r)
    for (int c = 0; c + 1 < kColumns; ++c) {
      std::uint32_t a = base + r * kColumns + c, b = a + 1, d = a + kColumns, e = d + 1;
      if (flip) mesh.indices.insert(mesh.indices.end(), {a, e, b, a, d, e});
      else mesh.indices.insert(mesh.indices.end(), {a, b, e, a, e, d});
    }
}

// Smooth maximum of two radii over a width k.
float smooth_max(float a, float b, float k) {
  float h = clamp01(0.5f + 0.5f * (b - a) / k);
  return lerp(a, b, h) + k * h * (1 - h);
}

}  // namespace

Mesh make_eyelids(const Preset& preset, const FaceLayout& L, const LidSurface& face, const LidPose pose[2]) {
  Mesh mesh;
  mesh.name = "Eyelids";
  mesh.material = {"Eyelids", {1, 1, 1}, 0.55f, 0.0f, false};
  const Vec3 lips = hex_color(preset.lips);
  const float r_margin = L.eye_radius + 0.00025f, r_lower = L.lid_radius, r_upper = L.lid_radius + 0.0003f;
  // A lid vertex on the eye's sphere where it covers the eye, rising smoothly to just
  // under the face away from the opening (so the socket rim stays hidden under it).
  auto place = [&](int side, float u, float theta, float sphere_radius, float shade, bool is_margin) {
    const float phi = side == 0 ? u : -u;
    const Vec3 c = L.eye_center[side], d = direction(phi, theta);
    // Rise to the face only near the eye; further out (nose, cheek) sink under the skin.
    float face_r = face.radius(side, phi, theta);
    // At the face's level near the eye (same colour and normal as the skin there), sinking
    // under it further out and towards the shell's borders so no border shows.
    float border = smoothstep(kLateral - 0.35f, kLateral, u) + smoothstep(-kMedial + 0.3f, -kMedial, u) + smoothstep(kTop - 0.35f, kTop, theta) +
                   smoothstep(kBottom + 0.35f, kBottom, theta);
    float skin_level = face_r + 0.00005f - 0.5f * std::max(0.0f, face_r - (L.eye_radius + 0.0065f)) - 0.004f * border;
    float radius = std::min(smooth_max(sphere_radius, skin_level, 0.0006f), L.eye_radius + 0.008f);
    float on_face = smoothstep(-0.0012f, 0.0006f, skin_level - sphere_radius);
    Vec3 p = c + d * radius;
    mesh.positions.push_back(p);
    mesh.normals.push_back(normalize(lerp(d, face.normal(side, phi, theta), std::max(on_face, 0.6f))));
    Vec3 skin = skin_color(p, preset, L);
    mesh.colors.push_back(is_margin ? lerp(skin, lips, 0.45f) : skin * (1.0f - shade * (1.0f - on_face)));
  };
  for (int side = 0; side < 2; ++side) {
    // Upper lid: margin row, front-of-edge row, then rows up under the brow.
    const int upper_rows = 12;
    for (int r = 0; r < upper_rows; ++r)
      for (int k = 0; k < kColumns; ++k) {
        float u = lerp(-kMedial, kLateral, k / float(kColumns - 1));
        Edges e = lid_edges(u, pose[side]), rest = lid_edges(u, LidPose{});
        float t = r < 2 ? 0.0f : (r - 2) / float(upper_rows - 3);
        // Rows far from the edge stay where they rest, so poses move only the lid itself.
        float far = lerp(rest.upper + 0.08f, kTop, std::pow(t, 1.3f));
        float near = r == 0 ? e.upper : r == 1 ? e.upper + 0.03f : lerp(e.upper + 0.08f, kTop, std::pow(t, 1.3f));
        float theta = lerp(near, far, smoothstep(0.35f, 0.8f, t));
        float shade = r <= 1 ? 0.0f : 0.22f * bump(float(r - 2), 3.0f);  // soft lid shadow near the lashes
        place(side, u, theta, r == 0 ? r_margin : r_upper, shade, r == 0);
      }
    add_grid(mesh, upper_rows, side == 1);
    const int lower_rows = 9;
    for (int r = 0; r < lower_rows; ++r)
      for (int k = 0; k < kColumns; ++k) {
        float u = lerp(-kMedial, kLateral, k / float(kColumns - 1));
        Edges e = lid_edges(u, pose[side]), rest = lid_edges(u, LidPose{});
        float t = r < 2 ? 0.0f : (r - 2) / float(lower_rows - 3);
        // Rows far from the edge stay where they rest, so poses move only the lid itself.
        float far = lerp(rest.lower - 0.08f, kBottom, std::pow(t, 1.3f));
        float near = r == 0 ? e.lower : r == 1 ? e.lower - 0.03f : lerp(e.lower - 0.08f, kBottom, std::pow(t, 1.3f));
        float theta = lerp(near, far, smoothstep(0.35f, 0.8f, t));
        place(side, u, theta, r == 0 ? r_margin : r_lower, 0.0f, r == 0);
      }
    add_grid(mesh, lower_rows, side == 0);
  }
  orient_triangles(mesh, [&](Vec3 p) { return p - L.eye_center[p.x > 0 ? 0 : 1]; });
  return mesh;
}

Mesh make_eyelashes(const FaceLayout& L, const LidPose pose[2]) {
  Mesh mesh;
  mesh.name = "Eyelashes";
  mesh.material = {"Eyelashes", {1, 1, 1}, 0.8f, 0.0f, true};
  const int columns = 36, rows = 3;
  for (int side = 0; side < 2; ++side) {
    const float lateral = side == 0 ? 1.0f : -1.0f;
    const Vec3 c = L.eye_center[side];
    for (int r = 0; r < rows; ++r)
      for (int k = 0; k < columns; ++k) {
        float u = -0.68f + 1.55f * k / (columns - 1);
        Edges e = lid_edges(u, pose[side]);
        float phi = u * lateral, theta = e.upper + 0.012f;
        Vec3 out = direction(phi, theta);
        Vec3 up = direction(phi, theta + 1.5707964f);
        float length = (0.0013f + 0.0013f * smoothstep(-0.3f, 0.8f, u)) * smoothstep(-0.70f, -0.45f, u) *
                       smoothstep(0.90f, 0.70f, u) * (1.0f - 0.12f * (k % 3 == 1)) + 0.0003f;
        float t = r / float(rows - 1);
        Vec3 p = c + out * (L.lid_radius + 0.0005f) + out * (length * t * 0.85f) + up * (length * t * t * 0.9f) +
                 Vec3{lateral, 0, 0} * (length * t * 0.25f * u);
        mesh.positions.push_back(p);
        mesh.colors.push_back(Vec3{0.012f, 0.010f, 0.010f});
      }
    auto base = static_cast<std::uint32_t>(mesh.positions.size()) - rows * columns;
    for (int r = 0; r + 1 < rows; ++r)
      for (int k = 0; k + 1 < columns; ++k) {
        std::uint32_t a = base + r * columns + k, b = a + 1, d = a + columns, e2 = d + 1;
        mesh.indices.insert(mesh.indices.end(), {a, b, e2, a, e2, d});
      }
  }
  compute_face_normals(mesh);
  // Lashes are double sided; face their normals forward so both sides light alike.
  for (auto& n : mesh.normals) if (n.z < 0) n = -n;
  return mesh;
}

}  // namespace facecast::avatar
