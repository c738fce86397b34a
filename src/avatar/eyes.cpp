// Eyeballs: a sphere looking along +Z with sclera, a patterned iris and a pupil painted
// in vertex colours on rings placed exactly at the colour borders (crisp edges).
#include <cmath>
#include <numbers>

#include "avatar/parts.h"

namespace facecast::avatar {

namespace {

constexpr float kPupil = 0.17f;  // angular radius, radians from the eye's axis
constexpr float kIris = 0.50f;

Vec3 eye_color(float polar, float azimuth, Vec3 iris) {
  if (polar < kPupil) return {0.006f, 0.005f, 0.005f};
  if (polar < kIris) {
    float t = (polar - kPupil) / (kIris - kPupil);
    // Radial fibres and a darker rim give the iris depth.
    float fibres = 0.82f + 0.18f * std::sin(azimuth * 23.0f) * std::sin(azimuth * 7.0f + 1.3f);
    float inner_glow = 1.0f + 0.35f * bump(t, 0.45f);
    float limbus = lerp(1.0f, 0.35f, smoothstep(0.70f, 1.0f, t));
    return iris * (fibres * inner_glow * limbus);
  }
  // Sclera: white, slightly warmer and darker towards the back.
  float back = smoothstep(kIris, 1.6f, polar);
  return lerp(Vec3{0.72f, 0.69f, 0.66f}, Vec3{0.50f, 0.38f, 0.36f}, back);
}

}  // namespace

Mesh make_eye(const Preset& preset, const FaceLayout& L, int side) {
  Mesh mesh;
  mesh.name = side == 0 ? "EyeLeft" : "EyeRight";
  mesh.material = {"Eye", {1, 1, 1}, 0.12f, 0.0f, false};
  const Vec3 c = L.eye_center[side];
  const float r = L.eye_radius;
  const Vec3 iris = hex_color(preset.iris);
  // Polar rings from the front: dense through pupil and iris, a pair at each border.
  std::vector<float> rings = {0.0f, 0.07f, 0.14f, kPupil - 0.004f, kPupil + 0.004f, 0.26f, 0.33f, 0.40f, 0.46f,
                              kIris - 0.006f, kIris + 0.006f};
  for (float a = 0.62f; a < std::numbers::pi_v<float> - 0.05f; a += 0.14f) rings.push_back(a);
  rings.push_back(std::numbers::pi_v<float>);
  const int segments = 56;
  for (std::size_t i = 0; i < rings.size(); ++i) {
    float polar = rings[i];
    int count = (i == 0 || i + 1 == rings.size()) ? 1 : segments;
    for (int s = 0; s < count; ++s) {
      float az = 2 * std::numbers::pi_v<float> * s / segments;
      Vec3 n{std::sin(polar) * std::cos(az), std::sin(polar) * std::sin(az), std::cos(polar)};
      mesh.positions.push_back(c + n * r);
      mesh.normals.push_back(n);
      mesh.colors.push_back(eye_color(polar, az, iris));
    }
  }
  // Triangles: a fan at each pole, quads between rings.
  auto ring_start = [&](std::size_t i) { return i == 0 ? 0u : static_cast<std::uint32_t>(1 + (i - 1) * segments); };
  for (int s = 0; s < segments; ++s) {
    std::uint32_t a = 1 + s, b = 1 + (s + 1) % segments;
    mesh.indices.insert(mesh.indices.end(), {0, a, b});
  }
  for (std::size_t i = 1; i + 2 < rings.size(); ++i) {
    for (int s = 0; s < segments; ++s) {
      std::uint32_t a = ring_start(i) + s, b = ring_start(i) + (s + 1) % segments;
      std::uint32_t c2 = ring_start(i + 1) + s, d = ring_start(i + 1) + (s + 1) % segments;
      mesh.indices.insert(mesh.indices.end(), {a, c2, d, a, d, b});
    }
  }
  std::uint32_t last = static_cast<std::uint32_t>(mesh.positions.size() - 1);
  std::size_t lr = rings.size() - 2;
  for (int s = 0; s < segments; ++s) {
    std::uint32_t a = ring_start(lr) + s, b = ring_start(lr) + (s + 1) % segments;
    mesh.indices.insert(mesh.indices.end(), {a, last, b});
  }
  orient_triangles(mesh, [&](Vec3 p) { return p - c; });
  return mesh;
}

}  // namespace facecast::avatar
