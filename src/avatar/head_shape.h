// The signed distance field of the skin: head, face features, ears and neck,
// modelled with the mouth slightly open (a slit into a dark mouth cavity).
#pragma once
#include "avatar/face_layout.h"

namespace facecast::avatar {

float skin_field(Vec3 p, const FaceLayout& L);
// The skin as it would be without eye sockets: the level the eyelids blend into.
float face_field(Vec3 p, const FaceLayout& L);
// The face with a softer nose base (broad wing creases, no nostrils): its normals shade
// the nose's base, so wings and nostrils read gently from the front.
float nose_shading_field(Vec3 p, const FaceLayout& L);
// The head without neck, ears or mouth, used to shape hair and brows around it.
float skull_field(Vec3 p, const FaceLayout& L);
// The mouth cavity (inside the head), used to colour its walls dark.
float mouth_cavity_field(Vec3 p, const FaceLayout& L);
// One ear, in coordinates mirrored to the +X side; ear_local gives the ear's own axes
// (x out from the head, y up, z forward, origin in the middle of the pinna).
float ear_field(Vec3 m, const FaceLayout& L);
Vec3 ear_local(Vec3 m, const FaceLayout& L);
// The nostril openings (cut from the nose), used to shade their insides dark.
float nostril_field(Vec3 p, const FaceLayout& L);
// Distance to the lips' volume, used to colour them.
float lips_field(Vec3 p, const FaceLayout& L);

}  // namespace facecast::avatar
