// Where the features of one avatar's face are (metres, head centre at the origin,
// +X = the avatar's left, +Y up, +Z the way it faces). Shapes, rig and tests share it.
#pragma once
#include "avatar/preset.h"
#include "avatar/vec3.h"

namespace facecast::avatar {

struct FaceLayout {
  float face_width, jaw_width, nose_size, lip_fullness;
  float eye_tilt, eye_openness, brow_weight, nose_width, cheek_fullness;  // see Preset
  Vec3 eye_center[2];     // [0] = left eye (+X), [1] = right eye (-X)
  float eye_radius;
  float lid_radius;       // eyelid shell radius, just outside the eyeball
  float mouth_y;          // height of the line where the lips meet
  float mouth_corner_x;   // half width of the mouth
  float lip_front_z;      // front of the lips
  float lip_gap_half;     // half opening of the modelled mouth slit before the lips are closed
  Vec3 jaw_pivot;         // jaw hinge, rotating about +X
  float jaw_open_angle;   // radians at jawOpen = 1
  Vec3 nose_tip;
  Vec3 chin;
  float brow_y;           // height of the brows' centre line
  float neck_bottom_y;

  // Half height of the mouth slit at x (0 beyond the corners).
  float slit_half_height(float x) const;
};

FaceLayout make_layout(const Preset& preset);

}  // namespace facecast::avatar
