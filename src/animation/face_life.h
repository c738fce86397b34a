// The "face life" layers: everything above the lips (eyes, blinks, brows, head
// motion) and emotion. They live on a clock of their own, kFaceTick apart:
// every tick FaceSynth hands each layer the phrase and prosody of that instant
// (tick), where it decides what happens (a blink starts, a saccade, a nod), so
// the face does the same at every frame rate. Then, per frame, FaceSynth
// computes the mouth from phones and asks every layer in turn to draw its state
// at the frame's time (apply): expression (emotion), head and brows (prosody),
// gaze, blinks. A layer may write any weight of the frame and must not allocate
// or do I/O in tick() or apply(). Weights are clamped to [0,1] after the last layer.
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

// Seconds between the layers' ticks: the prosody tracker's hop, so each tick
// sees one hop's pitch, accents and voice onsets.
inline constexpr double kFaceTick = ProsodyTracker::kHopSeconds;

// What a layer knows about the instant it decorates (a tick or a frame).
struct FaceContext {
  double time = 0;          // seconds: tick k is at k * kFaceTick, frame i at i / fps
  double fps = 30;
  float speech = 0;         // frames: 0 in silence .. 1 while speaking (smooth); ticks: 0 or 1
  float loudness_gain = 1;  // the vowel jaw gain: above 1 louder than usual, below quieter (frames only)
  float lip_seal = 0;       // 1 while the lips are sealed for p/b/m: nothing may part them (frames only)
  ProsodyFrame prosody;     // ticks: this hop's; frames: as at the last tick, without its events
  PhraseState phrase;       // ticks: this tick's; frames: as at the last tick, without its events
  EmotionWeights emotion{};  // the emotion now, scaled by emotion_strength (frames only)
};

class FaceLayer {
 public:
  virtual ~FaceLayer() = default;
  // Called every kFaceTick, in time order, before the frames at or after the
  // tick's time: decisions and state (a blink timer, springs) belong here.
  virtual void tick(const FaceContext& context) = 0;
  // Called once per frame, in time order, after the ticks up to its time:
  // draws the layer's state at context.time.
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
