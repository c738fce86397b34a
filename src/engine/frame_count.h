// How many frames an animation of a given length has. Frame i is at time
// i / fps and every frame whose time falls inside the audio [0, duration) is
// output: frame_count = ceil(duration * fps). So 1.0 s at 30 fps is 30 frames
// (0 .. 0.967 s) and 2.48 s is 75 (74.4 rounded up). A tolerance of 1e-9
// frames keeps float noise (2.0000000000001 s) from adding a frame; face
// synthesis counts its frames the same way (animation/face_synth.cpp).
#pragma once
#include <cmath>
#include <cstddef>

namespace facecast {

inline std::size_t frame_count_for(double duration_s, double fps) {
  if (!(duration_s > 0) || fps <= 0) return 0;
  return static_cast<std::size_t>(std::ceil(duration_s * fps - 1e-9));
}

}  // namespace facecast
