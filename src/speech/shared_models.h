// What all the Analyzers of a process share, read-only or pooled: the
// pronouncing dictionary (loaded once) and the pool of word recognisers.
// Each Analyzer still owns its small decoders (align ~5 MB, allphone ~6 MB).
// Thread-safe.
#pragma once
#include <memory>
#include <mutex>

#include "core/settings.h"
#include "speech/pronouncing_dictionary.h"
#include "speech/recognizer_pool.h"

namespace facecast::speech {

class SharedModels {
 public:
  // max_recognizers: word recognisers loaded at once at most (>= 1).
  SharedModels(const SpeechSettings& settings, int max_recognizers);

  // Loaded on first use; throws Error(ModelUnavailable).
  const PronouncingDictionary& dictionary();
  RecognizerPool& recognizers() { return recognizers_; }
  const RecognizerPool& recognizers() const { return recognizers_; }

 private:
  const std::string dictionary_path_;
  std::once_flag dictionary_once_;
  std::unique_ptr<const PronouncingDictionary> dictionary_;
  RecognizerPool recognizers_;
};

}  // namespace facecast::speech
