// Signed distance primitives and blends used to model the avatar (negative = inside).
#pragma once
#include "avatar/vec3.h"

namespace facecast::avatar::sdf {

inline float sphere(Vec3 p, Vec3 c, float r) { return length(p - c) - r; }

// Ellipsoid, approximate but well behaved near the surface (Quilez' bound).
inline float ellipsoid(Vec3 p, Vec3 c, Vec3 r) {
  Vec3 q = p - c;
  float k0 = length(Vec3{q.x / r.x, q.y / r.y, q.z / r.z});
  float k1 = length(Vec3{q.x / (r.x * r.x), q.y / (r.y * r.y), q.z / (r.z * r.z)});
  if (k1 < 1e-9f) return -std::min({r.x, r.y, r.z});
  return k0 * (k0 - 1.0f) / k1;
}

// Segment a-b swept by a radius that varies linearly from ra to rb.
inline float capsule(Vec3 p, Vec3 a, Vec3 b, float ra, float rb) {
  Vec3 pa = p - a, ba = b - a;
  float h = clamp01(dot(pa, ba) / dot(ba, ba));
  return length(pa - ba * h) - lerp(ra, rb, h);
}

inline float round_box(Vec3 p, Vec3 c, Vec3 half, float r) {
  Vec3 q{std::fabs(p.x - c.x) - half.x + r, std::fabs(p.y - c.y) - half.y + r, std::fabs(p.z - c.z) - half.z + r};
  Vec3 qp{std::max(q.x, 0.0f), std::max(q.y, 0.0f), std::max(q.z, 0.0f)};
  return length(qp) + std::min(std::max(q.x, std::max(q.y, q.z)), 0.0f) - r;
}

// Polynomial smooth minimum: blends two shapes over a width k.
inline float smooth_union(float a, float b, float k) {
  float h = clamp01(0.5f + 0.5f * (b - a) / k);
  return lerp(b, a, h) - k * h * (1 - h);
}
inline float smooth_subtract(float shape, float cutter, float k) {
  return -smooth_union(-shape, cutter, k);
}
inline float smooth_intersect(float a, float b, float k) { return -smooth_union(-a, -b, k); }

}  // namespace facecast::avatar::sdf
