// Ties the pipeline together: decoded audio -> speech -> face -> Animation.
#pragma once
#include <memory>
#include <string_view>

#include "audio/decode.h"
#include "core/animation.h"
#include "core/settings.h"

namespace facecast {

namespace speech {
class Analyzer;
class SharedModels;
}  // namespace speech

// One per worker thread (owns warm speech decoders). Not thread-safe. Engines
// of one process should share one speech::SharedModels (the dictionary and the
// word recognisers, the large part of the model): see make_shared_models().
class Engine {
 public:
  explicit Engine(const Settings& settings, std::shared_ptr<speech::SharedModels> shared = nullptr);
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

// The models `workers` Engines share: settings.speech.max_recognizers word
// recognisers at most (0 = one per worker).
std::shared_ptr<speech::SharedModels> make_shared_models(const Settings& settings, int workers);

}  // namespace facecast
