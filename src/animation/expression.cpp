// Emotion -> expression and articulation. Each emotion at 1.0 is a pose (brows,
// eyes, cheeks, nose, mouth corners, a head attitude) plus a change in how
// speech is articulated: joy spreads the lips, anger tightens them, sadness and
// grief lower the energy of the jaw and lips. Shapes that would part the lips
// fade while they are sealed, and the jaw is scaled together with mouthClose,
// so p/b/m still close under any emotion.
#include <algorithm>
#include <array>
#include <cmath>

#include "animation/face_layers.h"

namespace facecast::animation {
namespace {

struct Weight {
  Blendshape shape;
  float value;
};

// Up to 12 shapes per emotion; Left/Right listed as pairs.
struct EmotionPose {
  std::array<Weight, 14> shapes;
  std::array<float, 3> head;  // pitch, yaw, roll degrees at 1.0
  float jaw_scale;            // speech jaw opening multiplier at 1.0 (1 = unchanged)
  float lip_scale;            // lip excursion (lower down, upper up, rounding) multiplier at 1.0
  float spread;               // smile added while speaking, at 1.0
  float press;                // lip press added while speaking, at 1.0
};

constexpr Weight none{eyeBlinkLeft, 0};

// Index by Emotion. Values chosen by eye on the generated avatars and the ARKit reference poses.
constexpr std::array<EmotionPose, kEmotionCount> kPoses = {{
    // amazement: brows up, eyes wide, jaw dropped a little
    {{{{browInnerUp, 0.8f}, {browOuterUpLeft, 0.7f}, {browOuterUpRight, 0.7f}, {eyeWideLeft, 0.6f},
       {eyeWideRight, 0.6f}, {jawOpen, 0.18f}, {mouthFunnel, 0.1f}, none, none, none, none, none, none, none}},
     {3, 0, 0}, 1.15f, 1.05f, 0.0f, 0.0f},
    // anger: brows down and in, squint, sneer, pressed lips
    {{{{browDownLeft, 0.85f}, {browDownRight, 0.85f}, {eyeSquintLeft, 0.4f}, {eyeSquintRight, 0.4f},
       {noseSneerLeft, 0.35f}, {noseSneerRight, 0.35f}, {mouthFrownLeft, 0.25f}, {mouthFrownRight, 0.25f},
       {mouthPressLeft, 0.2f}, {mouthPressRight, 0.2f}, {eyeWideLeft, 0.1f}, {eyeWideRight, 0.1f}, none, none}},
     {-3, 0, 0}, 0.88f, 0.75f, 0.0f, 0.15f},
    // cheekiness: a one-sided smirk, one brow up
    {{{{mouthSmileLeft, 0.55f}, {mouthSmileRight, 0.12f}, {mouthDimpleLeft, 0.3f}, {cheekSquintLeft, 0.3f},
       {browOuterUpLeft, 0.35f}, {eyeSquintRight, 0.25f}, {mouthLeft, 0.1f}, none, none, none, none, none, none,
       none}},
     {1, 2, 4}, 1.0f, 0.95f, 0.1f, 0.0f},
    // disgust: sneer, upper lip raised, brows down, head turned away
    {{{{noseSneerLeft, 0.7f}, {noseSneerRight, 0.7f}, {mouthUpperUpLeft, 0.3f}, {mouthUpperUpRight, 0.3f},
       {browDownLeft, 0.45f}, {browDownRight, 0.45f}, {eyeSquintLeft, 0.35f}, {eyeSquintRight, 0.35f},
       {cheekSquintLeft, 0.3f}, {cheekSquintRight, 0.3f}, {mouthFrownLeft, 0.3f}, {mouthFrownRight, 0.3f},
       {mouthShrugUpper, 0.2f}, none}},
     {2, -4, 0}, 0.9f, 0.85f, 0.0f, 0.0f},
    // fear: inner brows up and drawn, eyes wide, lips stretched
    {{{{browInnerUp, 0.9f}, {browOuterUpLeft, 0.3f}, {browOuterUpRight, 0.3f}, {browDownLeft, 0.2f},
       {browDownRight, 0.2f}, {eyeWideLeft, 0.7f}, {eyeWideRight, 0.7f}, {mouthStretchLeft, 0.4f},
       {mouthStretchRight, 0.4f}, {jawOpen, 0.08f}, none, none, none, none}},
     {-2, 0, 0}, 1.0f, 0.9f, 0.0f, 0.0f},
    // grief: inner brows up, mouth corners down, chin raised, heavy lids
    {{{{browInnerUp, 0.85f}, {mouthFrownLeft, 0.65f}, {mouthFrownRight, 0.65f}, {mouthShrugLower, 0.45f},
       {eyeSquintLeft, 0.3f}, {eyeSquintRight, 0.3f}, {cheekSquintLeft, 0.2f}, {cheekSquintRight, 0.2f},
       {eyeBlinkLeft, 0.2f}, {eyeBlinkRight, 0.2f}, {mouthPressLeft, 0.15f}, {mouthPressRight, 0.15f}, none,
       none}},
     {-6, 0, 2}, 0.78f, 0.8f, 0.0f, 0.0f},
    // joy: smile, cheeks up, a light squint
    {{{{mouthSmileLeft, 0.7f}, {mouthSmileRight, 0.7f}, {cheekSquintLeft, 0.5f}, {cheekSquintRight, 0.5f},
       {eyeSquintLeft, 0.3f}, {eyeSquintRight, 0.3f}, {mouthDimpleLeft, 0.2f}, {mouthDimpleRight, 0.2f},
       {browOuterUpLeft, 0.12f}, {browOuterUpRight, 0.12f}, none, none, none, none}},
     {2, 0, 0}, 1.05f, 0.85f, 0.2f, 0.0f},
    // outofbreath: brows up, mouth a little open between words (the breathing is added below)
    {{{{browInnerUp, 0.35f}, {eyeSquintLeft, 0.2f}, {eyeSquintRight, 0.2f}, {mouthStretchLeft, 0.15f},
       {mouthStretchRight, 0.15f}, none, none, none, none, none, none, none, none, none}},
     {2, 0, 0}, 1.1f, 1.0f, 0.0f, 0.0f},
    // pain: brows knit (down and inner up), tight squint, sneer, stretched lips
    {{{{browDownLeft, 0.6f}, {browDownRight, 0.6f}, {browInnerUp, 0.5f}, {eyeSquintLeft, 0.7f},
       {eyeSquintRight, 0.7f}, {eyeBlinkLeft, 0.25f}, {eyeBlinkRight, 0.25f}, {noseSneerLeft, 0.4f},
       {noseSneerRight, 0.4f}, {mouthStretchLeft, 0.4f}, {mouthStretchRight, 0.4f}, {cheekSquintLeft, 0.5f},
       {cheekSquintRight, 0.5f}, {mouthUpperUpLeft, 0.15f}}},
     {-3, 0, 3}, 0.9f, 0.9f, 0.0f, 0.1f},
    // sadness: inner brows up, corners down, heavy lids, low energy
    {{{{browInnerUp, 0.65f}, {mouthFrownLeft, 0.5f}, {mouthFrownRight, 0.5f}, {eyeBlinkLeft, 0.15f},
       {eyeBlinkRight, 0.15f}, {mouthShrugLower, 0.2f}, {browDownLeft, 0.1f}, {browDownRight, 0.1f}, none, none,
       none, none, none, none}},
     {-5, 0, 0}, 0.75f, 0.8f, 0.0f, 0.0f},
}};

// Shapes that part the lips fade while they are sealed for p/b/m; mouthFunnel
// is one (ARKit: the lips contract "into an open shape"): amazement's funnel
// showed 0.1-0.4 on every sealed bilabial.
bool parts_lips(Blendshape b) {
  return b == jawOpen || b == mouthLowerDownLeft || b == mouthLowerDownRight || b == mouthUpperUpLeft ||
         b == mouthUpperUpRight || b == mouthFunnel;
}

bool is_upper_face(Blendshape b) {
  return b <= eyeWideRight || (b >= browDownLeft && b <= browOuterUpRight) || b == cheekSquintLeft ||
         b == cheekSquintRight || b == noseSneerLeft || b == noseSneerRight;
}

class ExpressionLayer final : public FaceLayer {
 public:
  explicit ExpressionLayer(const FaceSettings& settings) { configure(settings); }

  void configure(const FaceSettings& settings) override {
    upper_ = static_cast<float>(settings.upper_face_strength);
    lower_ = static_cast<float>(settings.lower_face_strength);
    head_motion_ = static_cast<float>(settings.head_motion);
  }

  void tick(const FaceContext&) override {}  // follows the emotion frame by frame, nothing to decide

  void apply(const FaceContext& c, FaceFrame& f) override {
    float total = 0;
    for (float e : c.emotion) total += e;
    if (total <= 1e-4f) return;  // neutral: the lips stay exactly as synthesised
    auto& w = f.blendshapes;
    const float open = 1.0f - c.lip_seal;

    // Articulation first, on the synthesised mouth.
    float jaw = 1, lips = 1, spread = 0, press = 0;
    for (std::size_t e = 0; e < kEmotionCount; ++e) {
      const float k = c.emotion[e];
      jaw += k * (kPoses[e].jaw_scale - 1);
      lips += k * (kPoses[e].lip_scale - 1);
      spread += k * kPoses[e].spread;
      press += k * kPoses[e].press;
    }
    jaw = std::clamp(jaw, 0.5f, 1.4f);
    lips = std::clamp(lips, 0.6f, 1.3f);
    w[jawOpen] *= jaw;
    w[mouthClose] *= jaw;  // mouthClose is relative to the jaw: scaling both keeps a seal sealed
    for (Blendshape b : {mouthLowerDownLeft, mouthLowerDownRight, mouthUpperUpLeft, mouthUpperUpRight})
      w[b] *= std::min(lips, 1.0f + (lips - 1.0f) * open);
    for (Blendshape b : {mouthFunnel, mouthPucker}) w[b] *= std::max(lips, 0.75f);
    const float speaking = c.speech * lower_;
    for (Blendshape b : {mouthSmileLeft, mouthSmileRight}) w[b] += spread * speaking;
    for (Blendshape b : {mouthPressLeft, mouthPressRight}) w[b] += press * speaking;

    // The pose.
    for (std::size_t e = 0; e < kEmotionCount; ++e) {
      const float k = c.emotion[e];
      if (k <= 0) continue;
      for (const Weight& s : kPoses[e].shapes) {
        if (s.value <= 0) continue;
        float add = k * s.value * (is_upper_face(s.shape) ? upper_ : lower_);
        if (parts_lips(s.shape)) add *= open * (1.0f - 0.6f * c.speech);  // speech owns the jaw
        w[s.shape] += add;
      }
      for (int a = 0; a < 3; ++a) f.head_rotation[a] += k * kPoses[e].head[a] * head_motion_;
    }

    // Out of breath: panting through a slightly open mouth between words.
    const float breathless = at(c.emotion, Emotion::OutOfBreath);
    if (breathless > 0) {
      const double cycles = c.time / 1.4;  // the phase in double: t is large in a long stream
      const float cycle = 0.5f + 0.5f * std::sin(static_cast<float>(2 * M_PI * (cycles - std::floor(cycles))));
      w[jawOpen] += breathless * (0.06f + 0.1f * cycle) * open * (1.0f - c.speech) * lower_;
      f.head_rotation[0] += breathless * 1.5f * cycle * head_motion_;
    }
  }

 private:
  float upper_ = 1, lower_ = 1, head_motion_ = 1;
};

}  // namespace

std::unique_ptr<FaceLayer> make_expression_layer(const FaceSettings& settings) {
  return std::make_unique<ExpressionLayer>(settings);
}

}  // namespace facecast::animation
