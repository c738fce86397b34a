// The avatar's facial rig: what each ARKit blendshape does, as displacement fields over
// the modelled face (skin, brows, teeth, tongue), eyelid edge poses and eye turns.
// Left = the avatar's left = +X.
#pragma once
#include "avatar/face_layout.h"
#include "avatar/parts.h"
#include "core/names.h"

namespace facecast::avatar {

// Movement of a surface vertex at weight 1. `open` is where it was modelled before the
// lips were closed (tells upper lip from lower lip), `rest` where it is in the neutral face.
Vec3 surface_delta(Blendshape shape, Vec3 rest, Vec3 open, VertexKind kind, const FaceLayout& L);

// Lid edge pose of eye `side` (0 = left, 1 = right) at weight 1.
LidPose lid_pose(Blendshape shape, int side);

// Eyeball turn at weight 1: yaw about +Y (+ looks towards +X), pitch about +X (+ looks down).
struct EyeTurn {
  float yaw = 0, pitch = 0;
};
EyeTurn eye_turn(Blendshape shape, int side);

}  // namespace facecast::avatar
