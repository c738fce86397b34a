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

// How far the front of eyeball `side` sinks into its centre at weight 1 (metres). A blink
// slides the upper lid's edge ~0.9 rad down over the eyeball, but a morph target moves it
// along the straight chord, which at part weights passes up to ~1.7 mm inside the eyeball
// (the iris showed through a half-closed lid). Sinking the eyeball's front with the blink
// keeps it under the chord at every weight; at full weight the closed lid hides it.
float eye_recess(Blendshape shape, int side);

}  // namespace facecast::avatar
