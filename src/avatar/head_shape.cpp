#include "avatar/head_shape.h"

#include <cmath>

#include "avatar/sdf.h"

namespace facecast::avatar {

using namespace sdf;

float skull_field(Vec3 p, const FaceLayout& L) {
  const float w = L.face_width, jw = L.jaw_width;
  float d = ellipsoid(p, {0, 0.032f, -0.010f}, {0.078f * w, 0.095f, 0.099f});
  d = smooth_union(d, ellipsoid(p, {0, 0.048f, 0.036f}, {0.064f * w, 0.056f, 0.050f}), 0.02f);  // forehead
  d = smooth_union(d, ellipsoid(p, {0, -0.026f, 0.016f}, {0.064f * jw, 0.066f, 0.064f}), 0.03f);  // lower face
  return d;
}

float lips_field(Vec3 p, const FaceLayout& L) {
  const float f = L.lip_fullness, cx = L.mouth_corner_x;
  float upper = ellipsoid(p, {0, L.mouth_y + 0.0048f, L.lip_front_z - 0.0066f}, {cx * 1.04f, 0.0050f * f, 0.0066f * f});
  float lower = ellipsoid(p, {0, L.mouth_y - 0.0056f, L.lip_front_z - 0.0078f}, {cx * 0.93f, 0.0060f * f, 0.0068f * f});
  return smooth_union(upper, lower, 0.002f);
}

float mouth_cavity_field(Vec3 p, const FaceLayout& L) {
  float cavity = ellipsoid(p, {0, L.mouth_y - 0.003f, 0.051f}, {0.026f, 0.017f, 0.034f});
  float slit = ellipsoid(p, {0, L.mouth_y, L.lip_front_z - 0.005f}, {L.mouth_corner_x, L.lip_gap_half, 0.030f});
  return smooth_union(cavity, slit, 0.004f);
}

float skin_field(Vec3 p, const FaceLayout& L) {
  const float w = L.face_width, jw = L.jaw_width, ns = L.nose_size;
  float d = skull_field(p, L);
  Vec3 m{std::fabs(p.x), p.y, p.z};  // mirrored: features defined once for the +X side
  d = smooth_union(d, ellipsoid(p, {0, L.chin.y + 0.017f, L.chin.z - 0.016f}, {0.027f * jw, 0.020f, 0.024f}), 0.02f);
  d = smooth_union(d, ellipsoid(m, {0.040f * w, -0.014f, 0.050f}, {0.030f, 0.026f, 0.025f}), 0.02f);  // cheeks
  d = smooth_union(d, capsule(m, {0.012f, L.brow_y - 0.001f, 0.068f}, {0.044f * w, L.brow_y + 0.001f, 0.058f}, 0.008f, 0.005f),
                   0.010f);  // brow ridge
  d = smooth_union(d, ellipsoid(p, {0, L.mouth_y + 0.004f, 0.059f}, {0.028f * jw, 0.026f, 0.020f}), 0.015f);  // muzzle

  // Nose: bridge, tip and wings, with nostrils.
  float nose = capsule(p, {0, 0.010f, 0.082f}, {0, -0.019f, 0.094f + 0.003f * (ns - 1)}, 0.0055f, 0.0080f * ns);
  nose = smooth_union(nose, sphere(p, L.nose_tip, 0.0095f * ns), 0.006f);
  nose = smooth_union(nose, sphere(m, {0.0105f * ns, L.nose_tip.y - 0.005f, L.nose_tip.z - 0.012f}, 0.0068f * ns), 0.005f);
  d = smooth_union(d, nose, 0.007f);
  d = smooth_subtract(d, ellipsoid(m, {0.0062f * ns, L.nose_tip.y - 0.010f, L.nose_tip.z - 0.007f}, {0.0035f, 0.0022f, 0.004f}),
                      0.0015f);

  d = smooth_union(d, lips_field(p, L), 0.0025f);

  // Ears with a hollow bowl.
  float ear = ellipsoid(m, {0.073f * w, 0.002f, -0.014f}, {0.011f, 0.029f, 0.019f});
  ear = smooth_subtract(ear, ellipsoid(m, {0.082f * w, -0.001f, -0.010f}, {0.005f, 0.018f, 0.011f}), 0.003f);
  d = smooth_union(d, ear, 0.005f);

  // Neck down into the clothing.
  d = smooth_union(d, capsule(p, {0, -0.050f, -0.022f}, {0, L.neck_bottom_y, -0.030f}, 0.049f, 0.054f), 0.03f);
  d = std::max(d, L.neck_bottom_y + 0.005f - p.y);  // open bottom, hidden in the clothing

  // Eye sockets and the mouth.
  for (const Vec3& e : L.eye_center) d = smooth_subtract(d, sphere(p, e, L.eye_radius + 0.0016f), 0.0025f);
  d = smooth_subtract(d, mouth_cavity_field(p, L), 0.0012f);
  return d;
}

}  // namespace facecast::avatar
