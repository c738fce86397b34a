// Bounded velocity: articulators move towards their coarticulated targets no
// faster than kMaxRate (full range in 1/kMaxRate seconds). The dominance model
// is smooth but its normalisation can turn steep where a strongly dominant
// phone (W's rounding, F's lip tuck) meets weak neighbours; the limiter caps
// exactly those moments and is idle otherwise. Stepped at most kStep apart so
// results do not depend on the frame rate's rounding.
#pragma once
#include "animation/articulation.h"

namespace facecast::animation {

class MotionLimiter {
 public:
  static constexpr double kMaxRate = 10.0;  // per second, every articulator
  static constexpr double kStep = 0.005;    // seconds between internal steps
  // Into and out of a real pause the mouth may move this fast (closing a wide
  // jaw in ~35 ms), scaled by the rest factor.
  static constexpr double kRestRate = 18.0;

  bool started() const { return started_; }
  const Pose& values() const { return values_; }
  void start(const Pose& values);
  // Moves towards `target` for `dt` seconds; returns the new values.
  const Pose& step(const Pose& target, double dt, double rate = kMaxRate);

 private:
  Pose values_{};
  bool started_ = false;
};

}  // namespace facecast::animation
