// The "face life" layer: everything above the lips (eyes, blinks, brows, head
// motion, emotion). Issue 3 fills it in; the synth already runs it.
//
// FaceSynth computes the mouth from phones first, then hands each frame, in
// time order, to every FaceLayer in turn. A layer may write any weight of the
// frame (it owns the upper face, head_rotation and eye_rotation; it may add to
// the mouth, e.g. a smile), and must not allocate or do I/O in apply(). Weights
// are clamped to [0,1] after the last layer.
#pragma once
#include <memory>
#include <vector>

#include "core/animation.h"
#include "core/settings.h"

namespace facecast::animation {

// What a layer knows about the instant it decorates.
struct FaceContext {
  double time = 0;          // seconds, frame i is at i / fps
  int fps = 30;
  float speech = 0;         // 0 in silence .. 1 while speaking (smooth)
  float loudness_gain = 1;  // the vowel jaw gain: above 1 louder than usual, below quieter
};

class FaceLayer {
 public:
  virtual ~FaceLayer() = default;
  // Called once per frame, in time order (state such as a blink timer may live here).
  virtual void apply(const FaceContext& context, FaceFrame& frame) = 0;
};

// The layers for these settings, in the order they run. Empty until issue 3.
std::vector<std::unique_ptr<FaceLayer>> make_face_life_layers(const FaceSettings& settings);

}  // namespace facecast::animation
