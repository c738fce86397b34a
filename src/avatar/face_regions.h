// Smooth weight fields over the face that the rig's shapes are built from (0..1).
#pragma once
#include <cmath>

#include "avatar/face_layout.h"

namespace facecast::avatar::regions {

// 1 on the jaw's side of the mouth line (lower lip, chin), 0 above; the band widens
// away from the lips so the cheeks blend smoothly. Uses the pre-closure position.
inline float below_mouth(Vec3 open, const FaceLayout& L) {
  float band = std::max(L.slit_half_height(open.x), 0.0015f) + 0.5f * std::max(0.0f, std::fabs(open.x) - L.mouth_corner_x) +
               0.35f * std::max(0.0f, (L.lip_front_z - 0.012f) - open.z);
  return smoothstep(band, -band, open.y - L.mouth_y);
}

// How much the lower lip near the mouth line holds back from the jaw towards the corners:
// with the whole lip following the jaw an open mouth is a rectangle with square corners;
// holding back as 1 - sqrt(1 - u^2) (u = 1 at the corner) opens it as an ellipse, round at
// the corners. Fades out over the ~2 cm below the lips, so the chin follows fully.
inline float corner_hold(Vec3 open, const FaceLayout& L) {
  float u = std::min(1.0f, std::fabs(open.x) / L.mouth_corner_x);
  return (1.0f - std::sqrt(1.0f - u * u)) * smoothstep(L.mouth_y - 0.024f, L.mouth_y - 0.007f, open.y);
}

// How much a point follows the jaw bone.
inline float jaw(Vec3 open, const FaceLayout& L) {
  return below_mouth(open, L) * smoothstep(-0.035f, 0.04f, open.z) * smoothstep(-0.120f, -0.092f, open.y) *
         smoothstep(L.mouth_y + 0.03f, L.mouth_y + 0.005f, open.y) * smoothstep(0.074f, 0.05f, std::fabs(open.x)) *
         (1.0f - corner_hold(open, L));
}

// What mouthClose brings back up to the upper lip: the whole lower lip, front and
// inner side, past the corners, fading through the skin between lip and chin (which
// stretches, so the lip's colour stays on the lip). Uses the pre-closure position.
inline float lip_seal(Vec3 open, const FaceLayout& L) {
  return below_mouth(open, L) * smoothstep(L.mouth_y - 0.036f, L.mouth_y - 0.013f, open.y) *
         smoothstep(L.mouth_corner_x + 0.016f, L.mouth_corner_x + 0.002f, std::fabs(open.x)) *
         smoothstep(L.lip_front_z - 0.034f, L.lip_front_z - 0.020f, open.z);
}

// Both lips (and the skin just around them).
inline float lips(Vec3 p, const FaceLayout& L) {
  return smoothstep(L.mouth_corner_x + 0.008f, L.mouth_corner_x - 0.001f, std::fabs(p.x)) *
         smoothstep(0.016f, 0.0095f, std::fabs(p.y - L.mouth_y)) *
         smoothstep(L.lip_front_z - 0.030f, L.lip_front_z - 0.016f, p.z);
}
inline float upper_lip(Vec3 open, const FaceLayout& L) { return lips(open, L) * (1 - below_mouth(open, L)); }
inline float lower_lip(Vec3 open, const FaceLayout& L) { return lips(open, L) * below_mouth(open, L); }

// The mouth and the skin around it, fading over a couple of centimetres.
inline float mouth_area(Vec3 p, const FaceLayout& L) {
  float e = std::hypot(p.x / (L.mouth_corner_x + 0.016f), (p.y - L.mouth_y) / 0.030f);
  return smoothstep(1.0f, 0.45f, e) * smoothstep(0.045f, 0.065f, p.z);
}

// Around one mouth corner (sign +1 = left).
inline float mouth_corner(Vec3 p, float sign, const FaceLayout& L) {
  Vec3 corner{sign * L.mouth_corner_x, L.mouth_y, L.lip_front_z - 0.009f};
  return bump(length(p - corner), 0.024f) * smoothstep(0.045f, 0.06f, p.z);
}

// 1 on the given side (sign +1 = left, +X), 0 on the other, blending across the midline.
inline float side(float x, float sign) { return smoothstep(-0.002f, 0.006f, x * sign); }

// A soft spot of the given radius on the front of the face.
inline float spot(Vec3 p, Vec3 centre, float radius) { return bump(length(p - centre), radius) * smoothstep(0.0f, 0.03f, p.z); }

}  // namespace facecast::avatar::regions
