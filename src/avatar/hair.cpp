// Hair: a shell around the skull inside a hairline (forehead, temples, sideburns, around
// the ears, nape), thin where it grows out of the skin and full on top, shaped per style.
#include <array>
#include <cmath>
#include <numbers>

#include "avatar/head_shape.h"
#include "avatar/parts.h"
#include "avatar/sdf.h"
#include "avatar/simplify.h"
#include "avatar/surface_nets.h"

namespace facecast::avatar {

using namespace sdf;

namespace {

constexpr float kPi = std::numbers::pi_v<float>;

// Smooth interpolation through (azimuth, height) knots; azimuth 0 = forehead, pi = nape.
template <std::size_t N>
float through(const std::array<std::array<float, 2>, N>& knots, float az) {
  if (az <= knots[0][0]) return knots[0][1];
  for (std::size_t i = 0; i + 1 < N; ++i)
    if (az <= knots[i + 1][0]) {
      float t = smoothstep(knots[i][0], knots[i + 1][0], az);
      return lerp(knots[i][1], knots[i + 1][1], t);
    }
  return knots[N - 1][1];
}

// Keeps hair off the ears: a margin around each ear, mirrored.
float ear_clearance(Vec3 m, const FaceLayout& L) {
  return ellipsoid(m, {0.074f * L.face_width, 0.000f, -0.011f}, {0.030f, 0.037f, 0.027f});
}

struct Zone {
  float below;  // signed distance below the hairline (+ inside the hair)
  float az;     // azimuth around the head
};

// Where the hair grows: above a hairline that dips to sideburns, rises over the ears and
// falls to the nape. `front` is the forehead hairline height.
Zone hair_zone(Vec3 p, const FaceLayout& L, float front, float sideburn, float nape) {
  Vec3 m{std::fabs(p.x), p.y, p.z};
  float az = std::atan2(m.x, p.z + 0.012f);
  const std::array<std::array<float, 2>, 6> knots{{{0.0f, front}, {0.55f, front - 0.004f}, {0.95f, front - 0.022f},
                                                   {1.30f, sideburn}, {1.90f, sideburn - 0.01f}, {kPi, nape}}};
  float line = through(knots, az);
  float zone = p.y - line;
  zone = std::min(zone, ear_clearance(m, L));  // around the ear
  return {zone, az};
}

// Short crop with a side parting on the avatar's left, swept over with volume at the front.
float crop(Vec3 p, const FaceLayout& L) {
  float skull = skull_field(p, L);
  Zone z = hair_zone(p, L, L.brow_y + 0.034f, 0.002f, -0.062f);
  const float part_x = 0.024f;
  float front_top = bump(length(p - Vec3{-0.008f, 0.100f, 0.045f}), 0.060f);
  float volume = 0.0045f + 0.0095f * smoothstep(0.0f, 0.09f, p.y) + 0.0080f * front_top;
  volume *= lerp(1.0f, 0.75f, smoothstep(0.01f, 0.04f, p.x - part_x) * smoothstep(0.02f, 0.06f, p.y));  // flatter below the part
  float taper = smoothstep(-0.001f, lerp(0.022f, 0.016f, smoothstep(0.9f, 0.2f, z.az)), z.below);
  // The parting: a narrow groove from the front hairline back to the crown.
  float part = bump(std::fabs(p.x - part_x), 0.0045f) * smoothstep(-0.03f, 0.01f, p.z) * smoothstep(0.05f, 0.08f, p.y);
  // Strands combed from the parting across and back.
  float along = (p.z + 0.6f * std::fabs(p.x - part_x)) * 520.0f + 2.0f * std::sin(p.x * 90.0f);
  float comb = 0.00055f * std::sin(along) * smoothstep(0.25f, 0.7f, taper);
  float cap = skull - (0.0005f + volume * taper) + 0.0030f * part + comb;
  return smooth_intersect(cap, -z.below, 0.002f);
}

// Short, dense curls with a crisp hairline.
float curls(Vec3 p, const FaceLayout& L) {
  float skull = skull_field(p, L);
  Zone z = hair_zone(p, L, L.brow_y + 0.034f, 0.004f, -0.058f);
  float taper = smoothstep(-0.001f, 0.006f, z.below);
  float volume = 0.009f + 0.007f * smoothstep(-0.02f, 0.10f, p.y);
  // Irregular curls: three warped sine lattices multiplied.
  float c = std::sin(p.x * 330.0f + 2.0f * std::sin(p.y * 160.0f)) * std::sin(p.y * 310.0f + 2.0f * std::sin(p.z * 170.0f)) *
            std::sin(p.z * 340.0f + 2.0f * std::sin(p.x * 150.0f));
  float cap = skull - (0.0008f + volume * taper) - 0.0022f * c * taper;
  return smooth_intersect(cap, -z.below, 0.0015f);
}

// A jaw-length bob with a fringe: a cap over the crown, a curtain that falls straight
// from the widest part of the head and turns in at the ends, a window for the face.
float bob(Vec3 p, const FaceLayout& L) {
  float skull = skull_field(p, L);
  const float y_widest = 0.025f, y_end = -0.062f;
  float below = smoothstep(y_widest, y_widest - 0.03f, p.y);
  // Below its widest line the curtain keeps that outline, drawing in a little at the ends.
  float inward = 1.0f + 0.10f * smoothstep(y_end + 0.03f, y_end, p.y);
  Vec3 q{p.x * inward, lerp(p.y, y_widest, below), (p.z + 0.012f) * inward - 0.012f};
  float thick = 0.0060f + 0.003f * smoothstep(0.0f, 0.1f, p.y) + 0.0045f * below;
  float az = std::atan2(std::fabs(p.x), p.z + 0.012f);
  float strands = 0.0007f * std::sin(az * 70.0f + 1.5f * std::sin(p.y * 60.0f)) * smoothstep(0.09f, 0.03f, p.y);
  float shape = skull_field(q, L) - thick + strands;
  shape = smooth_intersect(shape, y_end - p.y, 0.006f);  // rounded ends
  // Face window: below a fringe cut (slightly uneven), in front of the ears.
  float fringe_y = L.brow_y + 0.0150f + 0.0006f * std::sin(p.x * 900.0f) + 0.010f * smoothstep(0.02f, 0.055f, std::fabs(p.x));
  float face = round_box(p, {0, -0.030f, 0.095f}, {0.056f * L.face_width, 0.095f, 0.065f}, 0.022f);
  float window = std::max(face, p.y - fringe_y);
  shape = smooth_subtract(shape, window, 0.004f);
  // The fringe lies on the forehead, not floating above it.
  (void)skull;
  return shape;
}

float hair_field(Vec3 p, const Preset& preset, const FaceLayout& L) {
  switch (preset.hair_style) {
    case HairStyle::crop: return crop(p, L);
    case HairStyle::curls: return curls(p, L);
    case HairStyle::bob: return bob(p, L);
  }
  return skull_field(p, L);
}

}  // namespace

Mesh make_hair(const Preset& preset, const FaceLayout& L) {
  GridBox box{{-0.115f, -0.11f, -0.14f}, {0.115f, 0.16f, 0.14f}, 0.0016f};
  Mesh mesh = mesh_field([&](Vec3 p) { return hair_field(p, preset, L); }, box);
  mesh.name = "Hair";
  mesh.material = {"Hair", {1, 1, 1}, 0.62f, 0.0f, false};
  SurfacePart part = as_surface_part(std::move(mesh), VertexKind::fixed);
  simplify_part(part, 0.0002f);
  const Vec3 color = hex_color(preset.hair);
  part.mesh.colors.resize(part.open.size());
  for (std::size_t v = 0; v < part.open.size(); ++v) {
    Vec3 p = part.open[v];
    // Fine streaks and a slightly lighter top, darker where the hair meets the skin.
    float streaks = 0.88f + 0.12f * std::sin(p.x * 700.0f + std::sin(p.z * 90.0f) * 3.0f);
    float sheen = 1.0f + 0.18f * smoothstep(0.05f, 0.11f, p.y);
    part.mesh.colors[v] = color * (streaks * sheen);
  }
  return part.mesh;
}

}  // namespace facecast::avatar
