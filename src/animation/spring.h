// A critically damped spring, stepped exactly (stable at any frame rate): the
// head and brows move through these so nothing jumps from frame to frame.
#pragma once
#include <cmath>

namespace facecast::animation {

struct Spring {
  float x = 0;  // position
  float v = 0;  // velocity per second

  // omega: stiffness in rad/s (settles in ~4/omega seconds).
  void step(float target, float omega, float dt) {
    const float offset = x - target;
    const float decay = std::exp(-omega * dt);
    const float shared = (v + omega * offset) * dt;
    x = target + (offset + shared) * decay;
    v = (v - omega * shared) * decay;
  }
};

}  // namespace facecast::animation
