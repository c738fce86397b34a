#include "avatar/face_layout.h"

#include <cmath>

namespace facecast::avatar {

FaceLayout make_layout(const Preset& p) {
  FaceLayout L{};
  L.face_width = p.face_width;
  L.jaw_width = p.jaw_width;
  L.nose_size = p.nose_size;
  L.lip_fullness = p.lip_fullness;
  L.eye_tilt = p.eye_tilt;
  L.eye_openness = p.eye_openness;
  L.brow_weight = p.brow_weight;
  L.nose_width = p.nose_width;
  L.cheek_fullness = p.cheek_fullness;
  L.eye_radius = 0.0188f * p.eye_size;  // large, friendly eyes (stylised)
  L.lid_radius = L.eye_radius + 0.0010f;
  L.eye_center[0] = {0.0372f * p.face_width, 0.010f, 0.0845f - L.eye_radius};
  L.eye_center[1] = {-L.eye_center[0].x, L.eye_center[0].y, L.eye_center[0].z};
  L.mouth_y = -0.0510f;
  L.mouth_corner_x = 0.0222f * (0.5f + 0.5f * p.jaw_width);
  L.lip_front_z = 0.0890f;
  L.lip_gap_half = 0.0026f;
  L.jaw_pivot = {0.0f, -0.004f, -0.012f};
  L.jaw_open_angle = 0.30f;
  L.nose_tip = {0.0f, -0.025f, 0.1005f + 0.004f * (p.nose_size - 1)};
  L.chin = {0.0f, -0.089f + p.chin_lift, 0.077f};  // a short lower face reads friendlier
  L.brow_y = 0.036f;
  L.neck_bottom_y = -0.215f;
  return L;
}

float FaceLayout::slit_half_height(float x) const {
  float u = x / mouth_corner_x;
  return u * u >= 1 ? 0.0f : lip_gap_half * std::sqrt(1 - u * u);
}

}  // namespace facecast::avatar
