#include "speech/shared_models.h"

#include <algorithm>

#include "speech/sphinx_decoder.h"

namespace facecast::speech {

SharedModels::SharedModels(const SpeechSettings& settings, int max_recognizers)
    : dictionary_path_(dictionary_path(settings)),
      recognizers_(settings, SearchKind::Recognize, {std::max(1, max_recognizers), 1, settings.recognizer_idle_s}),
      live_decoders_(settings, SearchKind::Allphone, {0, kWarmLiveDecoders, settings.recognizer_idle_s}) {}

const PronouncingDictionary& SharedModels::dictionary() {
  // call_once retries after a throw, so a failed load is reported to every caller.
  std::call_once(dictionary_once_, [this] { dictionary_ = std::make_unique<PronouncingDictionary>(dictionary_path_); });
  return *dictionary_;
}

}  // namespace facecast::speech
