// Blinks: about 17 a minute while speaking and 13 in silence (intervals of a
// minimum gap plus an exponential), gathered at phrase boundaries, sometimes
// double (8 %). Shape: a fast close (60-90 ms), a short hold, a slower open
// (130-220 ms); the right lid lags the left by up to 8 ms. A blink always
// ends, so no lid stays shut. The eyelid offset sets the resting opening.
#include <algorithm>
#include <cmath>

#include "animation/face_layers.h"
#include "animation/random.h"

namespace facecast::animation {
namespace {

constexpr double kLongestInterval = 8.0;  // never longer without a blink

class BlinkLayer final : public FaceLayer {
 public:
  explicit BlinkLayer(const FaceSettings& settings) : random_(settings.seed, kBlinkStream) {
    configure(settings);
    // The input starts at a random point of a blink interval, as any moment
    // would: the last blink ended `elapsed` ago. (A first blink due early and
    // gathered at the first phrase start opened 28 of 40 clips with a blink.)
    const double interval = 1.0 + std::min(random_.exponential(3.6), kLongestInterval);
    const double elapsed = random_.uniform(0.0, interval);
    start_ = -elapsed;
    next_blink_ = interval - elapsed;
  }

  void configure(const FaceSettings& settings) override {
    strength_ = static_cast<float>(settings.blink_strength);
    lid_offset_ = static_cast<float>(settings.eyelid_open_offset);
  }

  void tick(const FaceContext& c) override {
    const double t = c.time;
    const bool boundary = c.phrase.phrase_started || c.phrase.phrase_ended;
    // Blinks gather at phrase boundaries: one due soon comes now instead (the rate stays).
    if (boundary && t - blink_end() > 0.8 && next_blink_ - t < 1.8 && random_.chance(0.7))
      next_blink_ = std::min(next_blink_, t + random_.uniform(0.0, 0.15));
    if (t >= next_blink_ && t >= blink_end()) start_blink(t, c.phrase.speaking);
  }

  void apply(const FaceContext& c, FaceFrame& f) override {
    const double t = c.time;
    const float left = closure(t - start_);
    const float right = closure(t - start_ - right_lag_) * right_depth_;
    const float rest_lowered = std::max(0.0f, -lid_offset_) * 1.2f;
    const float wide = std::max(0.0f, lid_offset_) * 1.6f;
    auto close = [&](Blendshape blink, Blendshape widen, float amount) {
      const float shut = amount * strength_;  // widened lids close as far as the blink does
      float& w = f.blendshapes[blink];
      w += rest_lowered * (1 - w);
      w += shut * (1 - w);
      f.blendshapes[widen] = (f.blendshapes[widen] + wide) * (1 - shut);
    };
    close(eyeBlinkLeft, eyeWideLeft, left);
    close(eyeBlinkRight, eyeWideRight, right);
  }

 private:
  double blink_end() const { return start_ + close_ + hold_ + open_ + right_lag_; }

  void start_blink(double t, bool speaking) {
    start_ = t;
    close_ = random_.uniform(0.06, 0.09);
    hold_ = random_.uniform(0.0, 0.03);
    open_ = random_.uniform(0.13, 0.22);
    right_lag_ = random_.uniform(0.0, 0.008);
    right_depth_ = static_cast<float>(random_.uniform(0.96, 1.0));
    const double end = blink_end();
    if (random_.chance(0.08)) {
      next_blink_ = end + random_.uniform(0.04, 0.12);  // a double blink
    } else {
      const double interval = speaking ? 0.8 + random_.exponential(3.0) : 1.0 + random_.exponential(3.6);
      next_blink_ = end + std::min(interval, kLongestInterval);
    }
  }

  // Lid closure 0..1 at `since` seconds after the blink began.
  float closure(double since) const {
    if (since < 0) return 0;
    if (since < close_) {
      const double x = since / close_;
      return static_cast<float>(x * x * (3 - 2 * x));
    }
    since -= close_;
    if (since < hold_) return 1;
    since -= hold_;
    if (since < open_) {
      const double x = 1 - since / open_;
      return static_cast<float>(x * x);  // opens fast at first, then eases
    }
    return 0;
  }

  Random random_;
  float strength_ = 1, lid_offset_ = 0;
  double next_blink_ = 1;
  double start_ = -10, close_ = 0, hold_ = 0, open_ = 0, right_lag_ = 0;
  float right_depth_ = 1;
};

}  // namespace

std::unique_ptr<FaceLayer> make_blink_layer(const FaceSettings& settings) {
  return std::make_unique<BlinkLayer>(settings);
}

}  // namespace facecast::animation
