// Head and brows from prosody: pitch accents and loud syllables raise the brows
// and nod the head; a phrase start lifts it a little; a phrase that ends on a
// rise (a question) tilts it and raises the brows; between phrases it settles.
// Under it all runs a slow seeded drift (larger while speaking) and breathing,
// so the head is never frozen. Everything moves through critically damped
// springs: bounded, smooth, no jumps. The head's springs are kicked (a nod
// starts briskly); the brows' follow a raised level held for a moment, so a
// raise starts gently at any frame rate (a kick moved them 0.7 in one 30 fps
// frame and summed kicks held them at 1.0).
#include <algorithm>
#include <array>
#include <cmath>

#include "animation/face_layers.h"
#include "animation/random.h"
#include "animation/spring.h"

namespace facecast::animation {
namespace {

constexpr float kTwoPi = 6.2831853f;
constexpr std::array<float, 3> kLimit = {12, 15, 9};  // |pitch|, |yaw|, |roll| at head_motion 1, degrees
constexpr float kHeadOmega = 7.5f;     // rad/s: a nod peaks ~130 ms after its accent
constexpr float kBrowOmega = 11.0f;
constexpr float kAccentGap = 0.35f;    // seconds between accents at least
constexpr float kTiltSeconds = 1.3f;   // a question's tilt holds this long
// Brow raises: level x hold. The spring reaches ~0.75 of a level held 0.25 s.
constexpr float kAccentBrows = 0.5f;      // x prominence: peaks near 0.4 x prominence
constexpr float kAccentBrowHold = 0.25f;
constexpr float kPhraseStartBrows = 0.12f;
constexpr float kPhraseStartBrowHold = 0.3f;
constexpr float kQuestionBrows = 0.35f;
constexpr float kQuestionBrowHold = 0.3f;

class HeadLayer final : public FaceLayer {
 public:
  explicit HeadLayer(const FaceSettings& settings) : random_(settings.seed, kHeadStream) {
    configure(settings);
    for (auto& axis : drift_)
      for (auto& wave : axis) wave = {random_.uniform(0.06, 0.33), random_.uniform(0, kTwoPi), random_.uniform(0.5, 1.0)};
    breath_period_ = static_cast<float>(random_.uniform(3.4, 4.6));
  }

  void configure(const FaceSettings& settings) override {
    strength_ = static_cast<float>(settings.head_motion);
    upper_ = static_cast<float>(settings.upper_face_strength);
  }

  void tick(const FaceContext& c) override {
    const auto dt = static_cast<float>(kFaceTick);
    const PhraseState& phrase = c.phrase;
    activity_ += ((phrase.speaking ? 1.0f : 0.0f) - activity_) * (1.0f - std::exp(-dt / 0.6f));

    // Events.
    const ProsodyFrame& p = c.prosody;
    if (phrase.speaking && p.accents > 0 && c.time - last_accent_ > kAccentGap) {
      const float prominence =
          std::clamp(0.35f + (p.accent_pitch - kAccentPitch) / 6.0f + p.accent_energy / 10.0f, 0.3f, 1.0f);
      head_[0].v -= 45.0f * prominence;  // nod: chin down, then back
      head_[1].v += static_cast<float>(random_.sign() * random_.uniform(5, 18)) * prominence;
      raise_brows(kAccentBrows * prominence, c.time + kAccentBrowHold);
      // A new left/right balance only for a raise from rest: redrawn in the
      // middle of one, it moved the outer brows 0.07 in a single frame.
      const float side = static_cast<float>(random_.uniform(-0.12, 0.12));
      if (brows_.x < 0.02f) brow_side_ = side;
      last_accent_ = c.time;
    }
    if (phrase.phrase_started) {
      head_[0].v += 12.0f;
      raise_brows(kPhraseStartBrows, c.time + kPhraseStartBrowHold);
    }
    if (phrase.phrase_ended && phrase.question) {
      tilt_ = static_cast<float>(random_.sign() * random_.uniform(3.0, 5.0));
      tilt_until_ = c.time + kTiltSeconds;
      raise_brows(kQuestionBrows, c.time + kQuestionBrowHold);
      head_[0].v += 10.0f;
    }
    if (c.time > tilt_until_) tilt_ = 0;
    if (c.time > brows_until_) brow_level_ = 0;

    for (int a = 0; a < 3; ++a) head_[a].step(target(a), kHeadOmega, dt);
    brows_.step(brow_level_, kBrowOmega, dt);
    ticked_until_ = c.time;
  }

  void apply(const FaceContext& c, FaceFrame& f) override {
    // Phases from the cycles elapsed, in double: a float time is 7.8 ms coarse
    // after a day of streaming, and drift and breathing moved in uneven steps.
    const auto wave = [&](double hz, float phase) {
      const double cycles = hz * c.time;
      return std::sin(kTwoPi * static_cast<float>(cycles - std::floor(cycles)) + phase);
    };
    // The springs as the last tick left them, carried on to the frame's time.
    const auto since = static_cast<float>(std::max(0.0, c.time - ticked_until_));
    std::array<Spring, 3> head = head_;
    for (int a = 0; a < 3; ++a) head[a].step(target(a), kHeadOmega, since);
    Spring brows = brows_;
    brows.step(brow_level_, kBrowOmega, since);

    // Drift and breathing.
    const float drift_scale = 0.5f + 1.0f * activity_;
    const std::array<float, 3> axis_scale = {1.0f, 1.4f, 0.6f};
    for (int a = 0; a < 3; ++a) {
      float drift = 0;
      for (const auto& [hz, phase, amp] : drift_[a]) drift += amp * wave(hz, phase);
      float angle = head[a].x + drift_scale * axis_scale[a] * drift / 2.0f;
      if (a == 0) angle += 0.35f * wave(1.0 / breath_period_, 0.0f);
      f.head_rotation[a] += angle * strength_;
      const float limit = kLimit[a] * std::max(1.0f, strength_);
      f.head_rotation[a] = std::clamp(f.head_rotation[a], -limit, limit);
    }

    const float raise = std::max(0.0f, brows.x) * upper_;
    f.blendshapes[browInnerUp] += raise;
    f.blendshapes[browOuterUpLeft] += 0.8f * raise * (1 + brow_side_);
    f.blendshapes[browOuterUpRight] += 0.8f * raise * (1 - brow_side_);
  }

 private:
  float target(int axis) const { return axis == 2 ? tilt_ : 0.0f; }

  // Overlapping raises keep the highest level until the last one ends.
  void raise_brows(float level, double until) {
    brow_level_ = std::max(brow_level_, level);
    brows_until_ = std::max(brows_until_, until);
  }

  struct Wave {
    double hz, phase, amplitude;
  };
  Random random_;
  float strength_ = 1, upper_ = 1;
  std::array<std::array<Wave, 3>, 3> drift_{};
  float breath_period_ = 4;
  std::array<Spring, 3> head_{};
  Spring brows_;
  float brow_level_ = 0;
  double brows_until_ = -1;
  float brow_side_ = 0;
  float activity_ = 0;
  double last_accent_ = -1e9;
  float tilt_ = 0;
  double tilt_until_ = -1;
  double ticked_until_ = 0;
};

}  // namespace

std::unique_ptr<FaceLayer> make_head_layer(const FaceSettings& settings) {
  return std::make_unique<HeadLayer>(settings);
}

}  // namespace facecast::animation
