// Hair: a shell around the skull cut along a hairline, shaped per style.
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

// Height of the hairline around the head: azimuth 0 at the forehead, pi at the nape.
float hairline(float azimuth, float front, float side, float back) {
  float a = 0.5f * (0.5f * (front + back) + side);
  float b = 0.5f * (front - back);
  float c = 0.5f * (0.5f * (front + back) - side);
  return a + b * std::cos(azimuth) + c * std::cos(2 * azimuth);
}

float hair_field(Vec3 p, const Preset& preset, const FaceLayout& L) {
  float skull = skull_field(p, L);
  float az = std::atan2(std::fabs(p.x), p.z);
  switch (preset.hair_style) {
    case HairStyle::crop: {
      float line_y = hairline(az, L.brow_y + 0.042f, 0.012f, -0.055f);
      // Thin at the hairline so it grows out of the skin, full on top, swept to one side.
      float taper = smoothstep(line_y - 0.002f, line_y + 0.025f, p.y);
      float volume = 0.004f + 0.010f * smoothstep(-0.01f, 0.09f, p.y) +
                     0.007f * bump(length(p - Vec3{0.018f, 0.095f, 0.055f}), 0.055f);
      float comb = 0.0007f * std::sin(az * 38.0f - p.y * 60.0f) * smoothstep(0.02f, 0.08f, p.y);
      float cap = skull - (0.0006f + volume * taper) + comb;
      return smooth_intersect(cap, line_y - p.y, 0.003f);
    }
    case HairStyle::curls: {
      float bumps = 0.0028f * std::sin(p.x * 260.0f) * std::sin(p.y * 250.0f + 1.0f) * std::sin(p.z * 240.0f + 2.0f);
      float line_y = hairline(az, L.brow_y + 0.036f, 0.010f, -0.06f);
      float taper = smoothstep(line_y - 0.002f, line_y + 0.018f, p.y);
      float cap = skull - 0.0008f - (0.012f + 0.006f * smoothstep(0.0f, 0.1f, p.y)) * taper + bumps * taper;
      return smooth_intersect(cap, line_y - p.y, 0.004f);
    }
    case HairStyle::bob: {
      float cap = skull - 0.010f - 0.004f * smoothstep(0.0f, 0.1f, p.y);
      float line = hairline(az, L.brow_y + 0.013f, -0.075f, -0.085f) - p.y;
      // Keep the face free: cut a rounded window from the brows down.
      float face = round_box(p, {0, -0.035f, 0.09f}, {0.060f * L.face_width, 0.072f, 0.06f}, 0.02f);
      float fringe = p.y - (L.brow_y + 0.012f);
      float window = std::max(face, fringe);
      float curtain = round_box(p, {0, -0.005f, -0.012f}, {0.088f * L.face_width, 0.09f, 0.105f}, 0.045f);
      float shape = smooth_union(cap, std::max(curtain, -0.01f - skull), 0.01f);
      shape = smooth_intersect(shape, line, 0.006f);
      return smooth_subtract(shape, window, 0.006f);
    }
  }
  return skull;
}

}  // namespace

Mesh make_hair(const Preset& preset, const FaceLayout& L) {
  GridBox box{{-0.115f, -0.11f, -0.14f}, {0.115f, 0.16f, 0.14f}, 0.0018f};
  Mesh mesh = mesh_field([&](Vec3 p) { return hair_field(p, preset, L); }, box);
  mesh.name = "Hair";
  mesh.material = {"Hair", {1, 1, 1}, 0.75f, 0.0f, false};
  SurfacePart part = as_surface_part(std::move(mesh), VertexKind::fixed);
  simplify_part(part, 0.0002f);
  const Vec3 color = hex_color(preset.hair);
  part.mesh.colors.resize(part.open.size());
  for (std::size_t v = 0; v < part.open.size(); ++v) {
    Vec3 p = part.open[v];
    float streaks = 0.88f + 0.12f * std::sin(p.x * 700.0f + std::sin(p.z * 90.0f) * 3.0f);
    part.mesh.colors[v] = color * streaks;
  }
  return part.mesh;
}

}  // namespace facecast::avatar
