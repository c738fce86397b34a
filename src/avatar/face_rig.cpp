#include "avatar/face_rig.h"

#include <cmath>

#include "avatar/face_regions.h"

namespace facecast::avatar {

using namespace regions;

namespace {

constexpr float kLeft = 1.0f, kRight = -1.0f;

Vec3 jaw_rotation(Vec3 rest, float weight, const FaceLayout& L) {
  return rotate_about(rest, L.jaw_pivot, {1, 0, 0}, L.jaw_open_angle * weight) - rest;
}

// How much of the jaw a vertex follows: teeth and tongue are rigid with it.
float jaw_follow(Vec3 open, VertexKind kind, const FaceLayout& L) {
  switch (kind) {
    case VertexKind::lower_teeth:
    case VertexKind::tongue: return 1.0f;
    case VertexKind::skin: return jaw(open, L);
    default: return 0.0f;
  }
}

// Shapes of one side: s = +1 for Left shapes, -1 for Right.
Vec3 smile(Vec3 p, float s, const FaceLayout& L) {
  // The corner rises and draws back along the teeth; the lip line curves up towards it
  // and the cheek apple bunches up and forward.
  float w = mouth_corner(p, s, L) * side(p.x, s);
  float lift = std::pow(w, 1.3f);
  float cheek = spot(p, {s * 0.036f, -0.022f, 0.072f}, 0.026f) * side(p.x, s);
  return Vec3{s * 0.0045f * w, 0.0080f * lift, -0.0030f * w} + Vec3{s * 0.0008f, 0.0030f, 0.0022f} * cheek;
}
Vec3 corner_move(Vec3 p, float s, Vec3 move, const FaceLayout& L) {
  return Vec3{s * move.x, move.y, move.z} * (mouth_corner(p, s, L) * side(p.x, s));
}
Vec3 brow_area_move(Vec3 p, Vec3 centre, float radius, Vec3 move) {
  // Brow spots reach up the forehead more than down onto the lids.
  Vec3 q{p.x, centre.y + (p.y - centre.y) * (p.y < centre.y ? 1.6f : 0.8f), p.z};
  return move * (bump(std::hypot(q.x - centre.x, q.y - centre.y), radius) * smoothstep(0.03f, 0.05f, p.z));
}

// 0 on the closed lips' seam, 1 from 4 mm away from it (rest position).
float seam_distance(Vec3 rest, const FaceLayout& L) { return smoothstep(0.0f, 0.004f, std::fabs(rest.y - L.mouth_y)); }

Vec3 skin_delta(Blendshape shape, Vec3 rest, Vec3 o, const FaceLayout& L) {
  const float by = L.brow_y;
  switch (shape) {
    case jawForward: return Vec3{0, 0, 0.006f} * jaw(o, L);
    case jawLeft: return Vec3{0.006f, 0, 0} * jaw(o, L);
    case jawRight: return Vec3{-0.006f, 0, 0} * jaw(o, L);
    case jawOpen: return jaw_rotation(rest, jaw(o, L), L);
    // ARKit's mouthClose is relative to the jaw: it cancels the jaw's movement on the
    // lower lip, so mouthClose = jawOpen = w keeps the lips together at any w. Used
    // alone (outside ARKit's range mouthClose <= jawOpen) it lifts the lower lip past
    // the upper one; a linear target cannot do both.
    case mouthClose: return -jaw_rotation(rest, jaw(o, L), L) * lip_seal(o, L);
    case mouthFunnel: {
      float centre = clamp01(1 - (o.x / L.mouth_corner_x) * (o.x / L.mouth_corner_x));
      return Vec3{-0.30f * o.x, 0, 0.005f} * mouth_area(o, L) +
             Vec3{0, 0.0035f, 0.001f} * (upper_lip(o, L) * centre) + Vec3{0, -0.004f, 0.001f} * (lower_lip(o, L) * centre);
    }
    case mouthPucker: {
      // The corners draw in over a wide area (a narrow one bunched the upper lip into crease
      // lines) and the lips push forward, most in the middle, so they round out rather than
      // pinch; they keep nearly their height.
      float e = std::hypot(o.x / (L.mouth_corner_x + 0.022f), (o.y - L.mouth_y) / 0.036f);
      float area = smoothstep(1.0f, 0.25f, e) * smoothstep(0.045f, 0.065f, o.z);
      float centre = clamp01(1 - (o.x / L.mouth_corner_x) * (o.x / L.mouth_corner_x));
      return Vec3{-0.36f * o.x, 0, 0.006f} * area + Vec3{0, -(rest.y - L.mouth_y) * 0.12f, 0.0025f * centre} * lips(o, L);
    }
    case mouthLeft: return Vec3{0.007f, 0, 0} * mouth_area(o, L);
    case mouthRight: return Vec3{-0.007f, 0, 0} * mouth_area(o, L);
    case mouthSmileLeft: return smile(o, kLeft, L);
    case mouthSmileRight: return smile(o, kRight, L);
    case mouthFrownLeft: return corner_move(o, kLeft, {0.0015f, -0.0055f, -0.0005f}, L);
    case mouthFrownRight: return corner_move(o, kRight, {0.0015f, -0.0055f, -0.0005f}, L);
    case mouthDimpleLeft: return corner_move(o, kLeft, {0.0015f, 0.0003f, -0.0035f}, L);
    case mouthDimpleRight: return corner_move(o, kRight, {0.0015f, 0.0003f, -0.0035f}, L);
    case mouthStretchLeft: return corner_move(o, kLeft, {0.0055f, -0.0018f, -0.002f}, L);
    case mouthStretchRight: return corner_move(o, kRight, {0.0055f, -0.0018f, -0.002f}, L);
    // Rolling in: the lip turns back into the mouth; its body rises (lower) or drops
    // (upper) towards the seam, the seam itself only goes back, so the lips never cross.
    case mouthRollLower:
      return Vec3{0, 0.0025f * seam_distance(rest, L), -0.0045f} *
             (lower_lip(o, L) * smoothstep(0.016f, 0.004f, std::fabs(o.y - L.mouth_y)));
    case mouthRollUpper:
      return Vec3{0, -0.002f * seam_distance(rest, L), -0.0045f} *
             (upper_lip(o, L) * smoothstep(0.016f, 0.004f, std::fabs(o.y - L.mouth_y)));
    case mouthShrugLower:
      return Vec3{0, 0.003f, 0.0015f} * std::max(lower_lip(o, L), spot(o, L.chin + Vec3{0, 0.008f, 0.004f}, 0.022f) * jaw(o, L));
    case mouthShrugUpper: return Vec3{0, 0.0022f, 0.0012f} * upper_lip(o, L);
    // Pressing squeezes each lip towards the (closed) seam, which stays where it is.
    case mouthPressLeft: return Vec3{0, -(rest.y - L.mouth_y) * 0.45f, -0.001f} * (lips(o, L) * side(o.x, kLeft));
    case mouthPressRight: return Vec3{0, -(rest.y - L.mouth_y) * 0.45f, -0.001f} * (lips(o, L) * side(o.x, kRight));
    case mouthLowerDownLeft: return Vec3{0, -0.0045f, 0.0005f} * (lower_lip(o, L) * side(o.x, kLeft));
    case mouthLowerDownRight: return Vec3{0, -0.0045f, 0.0005f} * (lower_lip(o, L) * side(o.x, kRight));
    case mouthUpperUpLeft: return Vec3{0, 0.004f, 0.0005f} * (upper_lip(o, L) * side(o.x, kLeft));
    case mouthUpperUpRight: return Vec3{0, 0.004f, 0.0005f} * (upper_lip(o, L) * side(o.x, kRight));
    case browDownLeft: return brow_area_move(o, {0.030f, by, 0}, 0.026f, {-0.0015f, -0.0035f, 0.0008f}) * side(o.x, kLeft);
    case browDownRight: return brow_area_move(o, {-0.030f, by, 0}, 0.026f, {0.0015f, -0.0035f, 0.0008f}) * side(o.x, kRight);
    case browInnerUp:
      return brow_area_move(o, {0.014f, by, 0}, 0.022f, {0, 0.0045f, 0}) * side(o.x, kLeft) +
             brow_area_move(o, {-0.014f, by, 0}, 0.022f, {0, 0.0045f, 0}) * side(o.x, kRight);
    case browOuterUpLeft: return brow_area_move(o, {0.045f, by, 0}, 0.024f, {0, 0.0045f, 0}) * side(o.x, kLeft);
    case browOuterUpRight: return brow_area_move(o, {-0.045f, by, 0}, 0.024f, {0, 0.0045f, 0}) * side(o.x, kRight);
    case cheekPuff: {
      float w = spot(o, {0.040f, -0.045f, 0.062f}, 0.03f) + spot(o, {-0.040f, -0.045f, 0.062f}, 0.03f);
      return Vec3{(o.x > 0 ? 1.0f : -1.0f) * 0.0055f, 0, 0.0025f} * w;
    }
    case cheekSquintLeft: return Vec3{0, 0.003f, 0.001f} * (spot(o, {0.036f, -0.012f, 0.078f}, 0.018f) * side(o.x, kLeft));
    case cheekSquintRight: return Vec3{0, 0.003f, 0.001f} * (spot(o, {-0.036f, -0.012f, 0.078f}, 0.018f) * side(o.x, kRight));
    case noseSneerLeft: return Vec3{0, 0.0042f, 0.0008f} * (spot(o, {0.012f, -0.028f, 0.092f}, 0.014f) * side(o.x, kLeft));
    case noseSneerRight: return Vec3{0, 0.0042f, 0.0008f} * (spot(o, {-0.012f, -0.028f, 0.092f}, 0.014f) * side(o.x, kRight));
    case tongueOut: return Vec3{0, -0.0045f, 0.001f} * lower_lip(o, L);
    default: return {0, 0, 0};  // eye shapes move eyeballs and lids only (the skin round the eye is under the lids)
  }
}

}  // namespace

Vec3 surface_delta(Blendshape shape, Vec3 rest, Vec3 open, VertexKind kind, const FaceLayout& L) {
  switch (kind) {
    case VertexKind::skin: return skin_delta(shape, rest, open, L);
    case VertexKind::fixed:
    case VertexKind::upper_teeth: return {0, 0, 0};
    case VertexKind::lower_teeth:
    case VertexKind::tongue: break;
  }
  float follow = jaw_follow(open, kind, L);
  switch (shape) {
    case jawOpen: return jaw_rotation(rest, follow, L);
    case jawForward: return Vec3{0, 0, 0.006f} * follow;
    case jawLeft: return Vec3{0.006f, 0, 0} * follow;
    case jawRight: return Vec3{-0.006f, 0, 0} * follow;
    case tongueOut:
      if (kind != VertexKind::tongue) return {0, 0, 0};
      return Vec3{0, 0.0015f, 0.022f} * smoothstep(L.lip_front_z - 0.075f, L.lip_front_z - 0.02f, open.z);
    default: return {0, 0, 0};
  }
}

LidPose lid_pose(Blendshape shape, int side) {
  const bool left = side == 0;
  LidPose p;
  switch (shape) {
    case eyeBlinkLeft: case eyeBlinkRight:
      if (left == (shape == eyeBlinkLeft)) { p.upper_close = 1; p.lower_raise = 0.03f; }
      break;
    case eyeSquintLeft: case eyeSquintRight:
      if (left == (shape == eyeSquintLeft)) { p.lower_raise = 0.15f; p.upper_raise = -0.05f; }
      break;
    case eyeWideLeft: case eyeWideRight:
      if (left == (shape == eyeWideLeft)) { p.upper_raise = 0.16f; p.lower_raise = -0.03f; }
      break;
    case eyeLookUpLeft: case eyeLookUpRight:
      if (left == (shape == eyeLookUpLeft)) { p.upper_raise = 0.10f; p.lower_raise = 0.05f; }
      break;
    case eyeLookDownLeft: case eyeLookDownRight:
      if (left == (shape == eyeLookDownLeft)) { p.upper_raise = -0.20f; p.lower_raise = -0.04f; }
      break;
    default: break;
  }
  return p;
}

float eye_recess(Blendshape shape, int side) {
  // Worst case, the lid's margin row (0.25 mm off the eyeball, 0.9 rad of travel) dips
  // (R + 0.25 mm)(1 - sqrt(1 - 2w(1-w)(1 - cos 0.9))) below the eyeball's surface at weight
  // w: 1.2 mm at w = 0.25 (so 4.6 mm at weight 1 keeps it clear), 1.7 mm at w = 0.5.
  constexpr float kRecess = 0.0055f;
  return (shape == eyeBlinkLeft && side == 0) || (shape == eyeBlinkRight && side == 1) ? kRecess : 0.0f;
}

EyeTurn eye_turn(Blendshape shape, int side) {
  const bool left = side == 0;
  switch (shape) {
    case eyeLookUpLeft: return left ? EyeTurn{0, -0.32f} : EyeTurn{};
    case eyeLookUpRight: return left ? EyeTurn{} : EyeTurn{0, -0.32f};
    case eyeLookDownLeft: return left ? EyeTurn{0, 0.38f} : EyeTurn{};
    case eyeLookDownRight: return left ? EyeTurn{} : EyeTurn{0, 0.38f};
    case eyeLookOutLeft: return left ? EyeTurn{0.45f, 0} : EyeTurn{};   // left eye towards +X
    case eyeLookInLeft: return left ? EyeTurn{-0.45f, 0} : EyeTurn{};
    case eyeLookOutRight: return left ? EyeTurn{} : EyeTurn{-0.45f, 0};  // right eye towards -X
    case eyeLookInRight: return left ? EyeTurn{} : EyeTurn{0.45f, 0};
    default: return {};
  }
}

}  // namespace facecast::avatar
