// NVIDIA Audio2Face's blendshape-weight JSON ("Export > JSON" of its blendshape
// solve), so the importers written for it (Blender add-ons, Unreal and web
// players) take Facecast output unchanged: exportFps, trackPath, numPoses,
// numFrames, facsNames, weightMat; joints, rotations and translations are there
// but hold no joint (see the .cpp).
#pragma once
#include <string>
#include <string_view>

#include "core/animation.h"
#include "core/blendshape_map.h"

namespace facecast::exporter {

// track_path: the audio the weights belong to, as Audio2Face writes it.
// names: the blendshapes' names (empty: Apple's; see blendshape_map).
std::string to_audio2face_json(const Animation& animation, std::string_view track_path,
                               const BlendshapeNames& names = {});

}  // namespace facecast::exporter
