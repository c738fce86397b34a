// The "face life" layers: everything above the lips (eyes, blinks, brows, head
// motion) and emotion. FaceSynth computes the mouth from phones first, then
// hands each frame, in time order, to every FaceLayer in turn: expression
// (emotion), head and brows (prosody), gaze, blinks. A layer may write any
// weight of the frame and must not allocate or do I/O in apply(). Weights are
// clamped to [0,1] after the last layer.
//
// Angles are degrees in the avatar's frame: pitch + = chin up, yaw + = turning
// to the avatar's left, roll + = tilting towards the avatar's right shoulder
// (three.js rotations about x, y, z of a head facing +z). Eyes use the same
// signs; they turn against the head so the gaze holds (eye_rotation = gaze -
// head), and the eyeLook* weights say the same as eye_rotation.
#pragma once
#include <memory>
#include <vector>

#include "animation/phrasing.h"
#include "animation/prosody.h"
#include "core/animation.h"
#include "core/emotion.h"
#include "core/settings.h"

namespace facecast::animation {

// What a layer knows about the instant it decorates.
struct FaceContext {
  double time = 0;          // seconds, frame i is at i / fps
  int fps = 30;
  float speech = 0;         // 0 in silence .. 1 while speaking (smooth)
  float loudness_gain = 1;  // the vowel jaw gain: above 1 louder than usual, below quieter
  float lip_seal = 0;       // 1 while the lips are sealed for p/b/m: nothing may part them
  ProsodyFrame prosody;
  PhraseState phrase;
  EmotionWeights emotion{};  // this frame's emotion, scaled by emotion_strength
};

class FaceLayer {
 public:
  virtual ~FaceLayer() = default;
  // Called once per frame, in time order (state such as a blink timer may live here).
  virtual void apply(const FaceContext& context, FaceFrame& frame) = 0;
  // Live: new controls for the frames to come (state such as timers carries on).
  virtual void configure(const FaceSettings& settings) = 0;
};

// The layers for these settings, in the order they run.
std::vector<std::unique_ptr<FaceLayer>> make_face_life_layers(const FaceSettings& settings);

// Eye angle that a full eyeLook* weight stands for.
inline constexpr float kEyeYawAtFullLook = 30.0f;
inline constexpr float kEyePitchAtFullLook = 25.0f;

}  // namespace facecast::animation
