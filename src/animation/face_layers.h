// The face-life layers, one file each (see face_life.h for the contract).
#pragma once
#include <memory>

#include "animation/face_life.h"

namespace facecast::animation {

std::unique_ptr<FaceLayer> make_expression_layer(const FaceSettings& settings);  // expression.cpp
std::unique_ptr<FaceLayer> make_head_layer(const FaceSettings& settings);        // head_motion.cpp
std::unique_ptr<FaceLayer> make_gaze_layer(const FaceSettings& settings);        // gaze.cpp
std::unique_ptr<FaceLayer> make_blink_layer(const FaceSettings& settings);       // blinks.cpp

// Each layer draws from its own stream of the seed, so adding one leaves the others alone.
enum RandomStream : unsigned { kHeadStream = 1, kGazeStream = 2, kBlinkStream = 3 };

}  // namespace facecast::animation
