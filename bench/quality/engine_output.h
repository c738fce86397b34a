// Reads what `facecast animate --format json` wrote (the issue 2 JSON contract).
#pragma once
#include <string>
#include <vector>

#include "common/truth.h"
#include "core/animation.h"

namespace facecast::bench {

struct EngineOutput {
  double fps = 0;
  double duration = 0;
  std::string mode;
  double processing_ms = 0;
  std::vector<FaceFrame> frames;         // blendshapes and visemes filled
  std::vector<TruthSegment> phonemes;    // the raw phone timeline, mapped to visemes
  std::vector<std::string> words;
};

// Throws std::runtime_error naming the file: unreadable, not the contract's shape,
// or {"success": false} (with the engine's error code and message).
EngineOutput read_engine_output(const std::string& path);

// Argmax viseme of each animation frame (ties: the lower index).
std::vector<Viseme> argmax_visemes(const std::vector<FaceFrame>& frames);

}  // namespace facecast::bench
