#include "avatar/head_shape.h"

#include <cmath>

#include "avatar/sdf.h"

namespace facecast::avatar {

using namespace sdf;

float skull_field(Vec3 p, const FaceLayout& L) {
  const float w = L.face_width, jw = L.jaw_width;
  // Cranium, a forehead that rounds forward, and a broad soft lower face: a friendly,
  // slightly baby-faced proportion with the face plane upright in profile.
  float d = ellipsoid(p, {0, 0.030f, -0.012f}, {0.079f * w, 0.097f, 0.100f});
  d = smooth_union(d, ellipsoid(p, {0, 0.046f, 0.030f}, {0.066f * w, 0.058f, 0.053f}), 0.02f);  // forehead
  d = smooth_union(d, ellipsoid(p, {0, -0.022f, 0.014f}, {0.069f * (0.5f * w + 0.5f * jw), 0.061f, 0.068f}), 0.03f);
  return d;
}

float lips_field(Vec3 p, const FaceLayout& L) {
  const float f = L.lip_fullness, cx = L.mouth_corner_x;
  // Full lips, thinning towards the corners. The upper lip's top edge is a cupid's bow:
  // two peaks either side of a small dip over the philtrum; its middle (the tubercle)
  // pouts a little forward. The lower lip is the fuller, rounder of the two.
  const float ax = std::fabs(p.x);
  float u = std::min(1.0f, ax / cx);
  float taper = 1.0f - 0.45f * u * u;
  float bow = 1.0f + 0.22f * bump(std::fabs(ax - 0.0052f), 0.0065f) - 0.16f * bump(ax, 0.0030f);
  const Vec3 uc{0, L.mouth_y + 0.0040f, L.lip_front_z - 0.0056f};
  float top = p.y > uc.y ? 0.0060f * bow : 0.0046f;  // the bow shapes only the lip's upper half
  float upper = ellipsoid(p, uc, {cx * 1.04f, top * f * taper, 0.0064f * f * taper});
  upper = smooth_union(upper, ellipsoid(p, {0, L.mouth_y + 0.0022f, L.lip_front_z - 0.0036f}, Vec3{0.0055f, 0.0024f, 0.0036f} * f), 0.002f);
  float lower = ellipsoid(p, {0, L.mouth_y - 0.0060f, L.lip_front_z - 0.0066f}, {cx * 0.92f, 0.0072f * f * taper, 0.0070f * f * taper});
  return smooth_union(upper, lower, 0.002f);
}

float nostril_field(Vec3 p, const FaceLayout& L) {
  // Small ovals under the nose, longer front to back, cut ~1 mm up into it either side of
  // the columella and set back from the tip: seen mostly from below.
  const float ns = L.nose_size;
  Vec3 m{std::fabs(p.x), p.y, p.z};
  return ellipsoid(m, {0.0046f * ns * L.nose_width, L.nose_tip.y - 0.0084f, L.nose_tip.z - 0.0118f}, Vec3{0.0018f, 0.0013f, 0.0032f} * ns);
}

float mouth_cavity_field(Vec3 p, const FaceLayout& L) {
  float cavity = ellipsoid(p, {0, L.mouth_y - 0.001f, 0.048f}, {0.025f, 0.015f, 0.032f});
  float slit = ellipsoid(p, {0, L.mouth_y, L.lip_front_z - 0.005f}, {L.mouth_corner_x, L.lip_gap_half, 0.030f});
  return smooth_union(cavity, slit, 0.004f);
}

namespace {

// Small, neat, friendly nose: a narrow bridge widening towards one rounded tip (two soft
// domes set close, so it reads formed but with no notch between them), slightly upturned,
// over a short columella tucked up level with the wings: from the front the underside
// reads as one soft curve, not a "w" of columella, nostrils and wings.
float nose_field(Vec3 p, const FaceLayout& L) {
  const float ns = L.nose_size;
  const Vec3 tip = L.nose_tip;
  float nose = capsule(p, {0, 0.006f, 0.079f}, {0, tip.y + 0.0065f, tip.z - 0.0050f}, 0.0036f, 0.0058f * ns);
  Vec3 m{std::fabs(p.x), p.y, p.z};
  float domes = ellipsoid(m, tip + Vec3{0.0013f * ns, 0.0004f, -0.0026f}, Vec3{0.0054f, 0.0053f, 0.0050f} * ns);
  nose = smooth_union(nose, domes, 0.0050f);
  // Columella: the narrow bridge between the nostrils, under the tip.
  float columella = capsule(p, tip + Vec3{0, -0.0032f, -0.0030f}, tip + Vec3{0, -0.0056f, -0.0105f}, 0.0027f * ns, 0.0025f * ns);
  return smooth_union(nose, columella, 0.0045f);
}

// The nostril wings (alae): joined to nose and cheek with a moderate blend, so a gentle
// crease outlines them rather than a dark cut.
float alae_field(Vec3 m, const FaceLayout& L) {
  const float ns = L.nose_size;
  const Vec3 tip = L.nose_tip;
  const float nw = L.nose_width;
  return ellipsoid(m, {0.0088f * ns * nw, tip.y - 0.0040f, tip.z - 0.0112f}, Vec3{0.0040f * nw, 0.0036f, 0.0054f} * ns);
}

}  // namespace

// One ear (mirrored coordinates m): a pinna whose rolled rim (helix) runs round a
// hollow, a Y-shaped ridge (antihelix) inside the rim, a deep bowl (concha) in front of
// it with a small flap (tragus) before it, and a soft lobe below. Local axes: x out
// from the head, y up, z forward.
Vec3 ear_local(Vec3 m, const FaceLayout& L) {
  Vec3 e = m - Vec3{0.074f * L.face_width, 0.002f, -0.012f};
  return rotate_about(e, {0, 0, 0}, {1, 0, 0}, -0.15f);  // top leans back a little
}

float ear_field(Vec3 m, const FaceLayout& L) {
  const Vec3 e = ear_local(m, L);
  float ear = ellipsoid(e, {0, 0, 0}, {0.010f, 0.029f, 0.018f});
  ear = smooth_union(ear, ellipsoid(e, {0.001f, -0.022f, 0.002f}, {0.006f, 0.009f, 0.008f}), 0.004f);  // lobe
  // The hollow inside the rim, leaving a helix ~2.5 mm wide.
  ear = smooth_subtract(ear, ellipsoid(e, {0.0085f, 0.002f, 0.001f}, {0.0058f, 0.0215f, 0.0125f}), 0.0018f);
  // Antihelix: a ridge up the back of the hollow, forking into two crura at the top.
  float ridge = capsule(e, {0.0045f, -0.010f, -0.0045f}, {0.0045f, 0.008f, -0.0050f}, 0.0024f, 0.0024f);
  ridge = std::min(ridge, capsule(e, {0.0040f, 0.008f, -0.0050f}, {0.0036f, 0.016f, 0.0020f}, 0.0018f, 0.0014f));
  ridge = std::min(ridge, capsule(e, {0.0040f, 0.008f, -0.0050f}, {0.0036f, 0.011f, 0.0070f}, 0.0016f, 0.0012f));
  ear = smooth_union(ear, ridge, 0.0030f);
  // Concha: the deeper bowl in front of the antihelix, above the lobe.
  ear = smooth_subtract(ear, ellipsoid(e, {0.0075f, -0.004f, 0.0030f}, {0.0050f, 0.0070f, 0.0050f}), 0.0015f);
  // Tragus: a small flap at the front of the concha.
  ear = smooth_union(ear, ellipsoid(e, {0.0030f, -0.006f, 0.0105f}, {0.0028f, 0.0035f, 0.0025f}), 0.0015f);
  return ear;
}

namespace {

// The face; with soft_nose the nostril wings blend broadly into nose and cheek and the
// nostrils are not cut: the shape whose normals shade the nose's base (see nose_shading_field).
float face_field_with(Vec3 p, const FaceLayout& L, bool soft_nose) {
  const float w = L.face_width, jw = L.jaw_width;
  float d = skull_field(p, L);
  Vec3 m{std::fabs(p.x), p.y, p.z};  // mirrored: features defined once for the +X side
  d = smooth_union(d, ellipsoid(p, {0, L.chin.y + 0.015f, L.chin.z - 0.021f}, {0.030f * jw, 0.017f, 0.022f}), 0.022f);  // chin
  // Cheeks: full apples high under the eyes, a cheekbone running back towards the ear
  // above a gentle plane down to the jaw: the face has form in light, not one broad curve.
  const float cf = L.cheek_fullness;
  d = smooth_union(d, ellipsoid(m, {0.037f * w, -0.013f, 0.055f}, Vec3{0.027f, 0.023f, 0.025f} * cf), 0.020f);  // apples
  d = smooth_union(d, ellipsoid(m, {0.046f * w, -0.003f, 0.051f}, {0.017f, 0.012f, 0.020f}), 0.014f);  // cheekbone
  d = smooth_union(d, ellipsoid(m, {0.027f * jw, -0.054f, 0.051f}, {0.023f, 0.028f, 0.024f}), 0.02f);  // cheek to chin
  d = smooth_union(d, capsule(m, {0.010f, L.brow_y - 0.004f, 0.072f}, {0.046f * w, L.brow_y - 0.002f, 0.063f}, 0.0065f, 0.0045f),
                   0.012f);  // soft brow ridge
  d = smooth_union(d, ellipsoid(p, {0, L.mouth_y + 0.005f, 0.063f}, {0.029f * jw, 0.028f, 0.022f}), 0.016f);  // muzzle
  d = smooth_union(d, nose_field(p, L), 0.010f);
  d = smooth_union(d, alae_field(m, L), soft_nose ? 0.014f : 0.0075f);
  if (!soft_nose) d = smooth_subtract(d, nostril_field(p, L), 0.0008f);
  const float lips = lips_field(p, L);
  d = smooth_union(d, lips, 0.003f);
  // The vermilion border's slight roll: a ridge a fraction of a millimetre high, which
  // also keeps the simplifier's vertices along it, so the lips' colour edge stays crisp.
  d -= 0.00025f * bump(std::fabs(lips - 0.0004f), 0.0009f);
  // Philtrum: two soft ridges from the cupid's bow's peaks up to the nose, a shallow groove between.
  const float lip_top = L.mouth_y + 0.0040f + 0.0060f * L.lip_fullness;
  float ridge = capsule(m, {0.0046f, lip_top - 0.0010f, L.lip_front_z - 0.0040f},
                        {0.0030f, L.nose_tip.y - 0.0085f, L.nose_tip.z - 0.0125f}, 0.0016f, 0.0013f);
  d = smooth_union(d, ridge, 0.0025f);

  d = smooth_union(d, ear_field(m, L), 0.005f);
  // The orbit's outer rim: fills the temple behind the eye's outer side, which the large,
  // forward-set eyes would otherwise reach past (the socket then cut through the skin there).
  const Vec3 eye = L.eye_center[0];
  d = smooth_union(d, ellipsoid(m, {eye.x + 0.010f, eye.y + 0.001f, eye.z - 0.008f}, {0.011f, 0.017f, 0.012f}), 0.010f);

  // Neck down into the clothing.
  // Neck: slimmest at mid height, flaring into the head and the shoulders. The gentle
  // curve along its length also keeps simplification from leaving long shading streaks.
  float t = (p.y + 0.125f) / 0.075f;
  float neck = std::hypot(p.x, p.z + 0.022f + 0.04f * (-0.05f - p.y) * 0.15f) - (0.0495f + 0.0060f * t * t);
  neck = smooth_intersect(neck, p.y + 0.040f, 0.015f);
  d = smooth_union(d, neck, 0.03f);
  d = std::max(d, L.neck_bottom_y + 0.005f - p.y);  // open bottom, hidden in the clothing

  return smooth_subtract(d, mouth_cavity_field(p, L), 0.0012f);
}

}  // namespace

float face_field(Vec3 p, const FaceLayout& L) { return face_field_with(p, L, false); }
float nose_shading_field(Vec3 p, const FaceLayout& L) { return face_field_with(p, L, true); }

float skin_field(Vec3 p, const FaceLayout& L) {
  float d = face_field(p, L);
  // Generous sockets: the eyelid shells rise out of them to the face's level and
  // cover the socket rims, so no seam shows around the eyes.
  const float r = L.eye_radius;
  for (const Vec3& c : L.eye_center)  // narrower sideways, where the face turns back close to the eye
    d = smooth_subtract(d, ellipsoid(p, c, {r + 0.0002f, r + 0.0030f, r + 0.0030f}), 0.0040f);
  return d;
}

}  // namespace facecast::avatar
