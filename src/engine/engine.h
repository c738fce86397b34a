// Ties the pipeline together: decoded audio -> speech -> face -> Animation.
#pragma once
#include <memory>
#include <string_view>

#include "audio/decode.h"
#include "core/animation.h"
#include "core/settings.h"

namespace facecast {

namespace speech { class Analyzer; }

// One per worker thread (owns a warm speech decoder). Not thread-safe.
class Engine {
 public:
  explicit Engine(const Settings& settings);  // loads the speech model
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Loads the speech decoders a mode needs now rather than on first use (a
  // server warms every mode before it reports ready).
  void preload(SpeechMode mode);
  void preload_all();

  // Per-request settings may differ from the engine's in everything but model_dir.
  Animation animate(const audio::DecodedAudio& audio, std::string_view transcript, const Settings& settings);

 private:
  std::unique_ptr<speech::Analyzer> analyzer_;
};

}  // namespace facecast
