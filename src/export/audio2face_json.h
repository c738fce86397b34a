// NVIDIA Audio2Face's blendshape-weight JSON ("Export > JSON" of its blendshape
// solve), so the importers written for it (Blender add-ons, Unreal and web
// players) take Facecast output unchanged: exportFps, trackPath, numPoses,
// numFrames, facsNames, weightMat, plus the eyes and head as joints.
#pragma once
#include <string>
#include <string_view>

#include "core/animation.h"

namespace facecast::exporter {

// Joint rotations are unit quaternions [x, y, z, w] from the rest pose, in a
// right-handed Y-up frame with the face looking along +Z (glTF's): three.js
// Euler(-pitch, yaw, roll, 'YXZ') of Facecast's angles. Translations are 0.
inline constexpr std::string_view kAudio2FaceJoints[] = {"eye_L", "eye_R", "head"};

// track_path: the audio the weights belong to, as Audio2Face writes it.
std::string to_audio2face_json(const Animation& animation, std::string_view track_path);

}  // namespace facecast::exporter
