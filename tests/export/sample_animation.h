// A small hand-made Animation whose every value is known, for exporter tests.
#pragma once
#include "core/animation.h"

namespace facecast::testing {

inline Animation sample_animation(std::size_t frame_count = 3) {
  Animation a;
  a.fps = 30;
  a.duration = 0.0815;
  a.processing_ms = 12.34;
  a.speech.mode = SpeechMode::Align;
  a.frames.resize(frame_count);
  for (std::size_t f = 0; f < frame_count; ++f) {
    FaceFrame& frame = a.frames[f];
    for (std::size_t i = 0; i < kBlendshapeCount; ++i) frame.blendshapes[i] = float(i) / 100.0f + float(f) * 0.001f;
    for (std::size_t i = 0; i < kVisemeCount; ++i) frame.visemes[i] = i == f % kVisemeCount ? 1.0f : 0.0f;
    frame.head_rotation = {1.5f, -2.25f, 0.125f};
    frame.eye_rotation = {-3.0f, 4.5f, -3.0f, 9.0f};
  }
  a.speech.phones = {{"SIL", 0, 0.0125}, {"HH", 0.0125, 0.05}, {"AH", 0.05, 0.0815}};
  a.speech.words = {{"hi", 0.0125, 0.0815}};
  return a;
}

}  // namespace facecast::testing
