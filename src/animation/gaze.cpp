// Gaze: fixations on the listener with small saccades between them, a look
// away at some phrase starts (people look aside while they plan what to say)
// and back. Saccades are fast (25 ms + 2.2 ms per degree) and eased. The eyes
// turn against the head so the gaze holds while the head moves; eyeLook*
// weights are derived from the same eye angles, so both outputs agree.
#include <algorithm>
#include <array>
#include <cmath>

#include "animation/face_layers.h"
#include "animation/random.h"

namespace facecast::animation {
namespace {

constexpr float kMaxEyeYaw = 30, kMaxEyePitch = 25;

class GazeLayer final : public FaceLayer {
 public:
  explicit GazeLayer(const FaceSettings& settings) : random_(settings.seed, kGazeStream) { configure(settings); }

  void configure(const FaceSettings& settings) override { strength_ = static_cast<float>(settings.gaze_strength); }

  void tick(const FaceContext& c) override {
    const double t = c.time;
    if (c.phrase.phrase_started && random_.chance(0.5)) {
      // Look aside (up while thinking, or down), then back to the listener.
      move_to(t, random_.sign() * random_.uniform(7, 13), random_.chance(0.6) ? random_.uniform(2, 6) : random_.uniform(-6, -2));
      next_saccade_ = t + random_.uniform(0.5, 1.2);  // then back to the listener
    } else if (t >= next_saccade_) {
      const bool speaking = c.phrase.speaking;
      move_to(t, random_.uniform(-3.5, 3.5), random_.uniform(-2.0, 2.0));
      next_saccade_ = t + (speaking ? random_.uniform(0.4, 1.4) + random_.exponential(0.4)
                                    : random_.uniform(0.8, 2.5) + random_.exponential(0.6));
    }
  }

  void apply(const FaceContext& c, FaceFrame& f) override {
    const double t = c.time;
    // Position along the current saccade (eased), then the emotion's downcast
    // look; gaze_strength scales both (0: eyes on the listener, in every mood).
    const double x = saccade_seconds_ > 0 ? std::clamp((t - saccade_start_) / saccade_seconds_, 0.0, 1.0) : 1.0;
    const double s = x * x * (3 - 2 * x);
    const float downcast = 8.0f * std::max(at(c.emotion, Emotion::Sadness), at(c.emotion, Emotion::Grief));
    const float gaze_yaw = static_cast<float>(from_[0] + s * (to_[0] - from_[0])) * strength_;
    const float gaze_pitch = (static_cast<float>(from_[1] + s * (to_[1] - from_[1])) - downcast) * strength_;

    // Eyes = gaze - head, so the gaze stays put while the head moves.
    const float yaw = std::clamp(gaze_yaw - f.head_rotation[1], -kMaxEyeYaw, kMaxEyeYaw);
    const float pitch = std::clamp(gaze_pitch - f.head_rotation[0], -kMaxEyePitch, kMaxEyePitch);
    f.eye_rotation = {pitch, yaw, pitch, yaw};

    auto& w = f.blendshapes;
    const float side = yaw / kEyeYawAtFullLook;  // + = towards the avatar's left
    w[eyeLookOutLeft] = std::max(0.0f, side);
    w[eyeLookInLeft] = std::max(0.0f, -side);
    w[eyeLookInRight] = std::max(0.0f, side);
    w[eyeLookOutRight] = std::max(0.0f, -side);
    const float up = pitch / kEyePitchAtFullLook;
    w[eyeLookUpLeft] = w[eyeLookUpRight] = std::max(0.0f, up);
    w[eyeLookDownLeft] = w[eyeLookDownRight] = std::max(0.0f, -up);
  }

 private:
  void move_to(double t, double yaw, double pitch) {
    const double x = saccade_seconds_ > 0 ? std::clamp((t - saccade_start_) / saccade_seconds_, 0.0, 1.0) : 1.0;
    const double s = x * x * (3 - 2 * x);
    for (int a = 0; a < 2; ++a) from_[a] = from_[a] + s * (to_[a] - from_[a]);  // from wherever the eyes are now
    to_ = {yaw, pitch};
    const double amplitude = std::hypot(to_[0] - from_[0], to_[1] - from_[1]);
    saccade_start_ = t;
    saccade_seconds_ = 0.025 + 0.0022 * amplitude;
  }

  Random random_;
  float strength_ = 1;
  std::array<double, 2> from_{}, to_{};  // yaw, pitch of the gaze, degrees
  double saccade_start_ = 0, saccade_seconds_ = 0;
  double next_saccade_ = 0;
};

}  // namespace

std::unique_ptr<FaceLayer> make_gaze_layer(const FaceSettings& settings) {
  return std::make_unique<GazeLayer>(settings);
}

}  // namespace facecast::animation
