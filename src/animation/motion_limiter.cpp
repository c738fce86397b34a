#include "animation/motion_limiter.h"

#include <algorithm>

namespace facecast::animation {

void MotionLimiter::start(const Pose& values) {
  values_ = values;
  started_ = true;
}

const Pose& MotionLimiter::step(const Pose& target, double dt, double rate) {
  const float limit = static_cast<float>(rate * dt);
  for (std::size_t k = 0; k < kParamCount; ++k)
    values_[k] += std::clamp(target[k] - values_[k], -limit, limit);
  return values_;
}

}  // namespace facecast::animation
