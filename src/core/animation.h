// The engine's output: one FaceFrame per 1/fps seconds, frame i at time i/fps.
#pragma once
#include <array>

#include "core/emotion.h"
#include "core/names.h"
#include "core/timeline.h"

namespace facecast {

struct FaceFrame {
  std::array<float, kBlendshapeCount> blendshapes{};  // ARKit weights, each in [0,1]
  std::array<float, kVisemeCount> visemes{};          // Oculus viseme weights, each in [0,1]
  std::array<float, 3> head_rotation{};               // pitch, yaw, roll in degrees
  std::array<float, 4> eye_rotation{};                // left pitch, left yaw, right pitch, right yaw (degrees)
};

struct Animation {
  double fps = 30;  // may be fractional: 30000/1001 for 29.97
  double duration = 0;  // seconds of audio
  std::vector<FaceFrame> frames;
  SpeechTimeline speech;     // phones and words, with the mode used
  EmotionMode emotion_mode = EmotionMode::Constant;
  std::vector<EmotionKey> emotion;  // the emotion used, as keys (auto: the estimate per phrase)
  double processing_ms = 0;  // wall time of the whole request, filled by the engine
};

}  // namespace facecast
