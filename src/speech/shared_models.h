// What all the Analyzers and live streams of a process share, read-only or
// pooled: the pronouncing dictionary (loaded once), the pool of word
// recognisers and the pool of live allphone decoders. Each Analyzer still
// owns its small decoders (align ~5 MB, allphone ~6 MB). Thread-safe.
#pragma once
#include <memory>
#include <mutex>

#include "core/settings.h"
#include "speech/decoder_pool.h"
#include "speech/pronouncing_dictionary.h"

namespace facecast::speech {

class SharedModels {
 public:
  // Allphone decoders kept loaded for live streams (~6 MB each): a stream that
  // finds one free starts at once, others load their own (0.1-0.3 s).
  static constexpr int kWarmLiveDecoders = 1;

  // max_recognizers: word recognisers loaded at once at most (>= 1).
  SharedModels(const SpeechSettings& settings, int max_recognizers);

  // Loaded on first use; throws Error(ModelUnavailable).
  const PronouncingDictionary& dictionary();
  DecoderPool& recognizers() { return recognizers_; }
  const DecoderPool& recognizers() const { return recognizers_; }
  // Borrowed by a live stream for its whole life (PhoneticStream).
  DecoderPool& live_decoders() { return live_decoders_; }
  const DecoderPool& live_decoders() const { return live_decoders_; }

 private:
  const std::string dictionary_path_;
  std::once_flag dictionary_once_;
  std::unique_ptr<const PronouncingDictionary> dictionary_;
  DecoderPool recognizers_;
  DecoderPool live_decoders_;
};

}  // namespace facecast::speech
