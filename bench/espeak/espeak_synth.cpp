#include "espeak/espeak_synth.h"

#include <espeak-ng/speak_lib.h>

#include <stdexcept>

namespace facecast::bench {
namespace {

// espeak's callback has no context pointer beyond the events' user_data.
int collect(short* wav, int count, espeak_EVENT* events) {
  auto* sentence = static_cast<EspeakSentence*>(events->user_data);
  if (wav && count > 0) sentence->samples.insert(sentence->samples.end(), wav, wav + count);
  for (espeak_EVENT* e = events; e->type != espeakEVENT_LIST_TERMINATED; ++e) {
    const double t = e->audio_position / 1000.0;  // espeak reports milliseconds
    if (e->type == espeakEVENT_PHONEME) {
      char name[9] = {};
      for (int i = 0; i < 8 && e->id.string[i]; ++i) name[i] = e->id.string[i];
      sentence->phonemes.push_back({name, t});
    } else if (e->type == espeakEVENT_END || e->type == espeakEVENT_MSG_TERMINATED) {
      sentence->end = std::max(sentence->end, t);
    }
  }
  return 0;  // continue
}

}  // namespace

EspeakSynth::EspeakSynth(const std::string& voice, int rate_wpm) {
  sample_rate_ = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nullptr,
                                   espeakINITIALIZE_PHONEME_EVENTS | espeakINITIALIZE_DONT_EXIT);
  if (sample_rate_ <= 0) throw std::runtime_error("espeak-ng failed to initialise");
  if (espeak_SetVoiceByName(voice.c_str()) != EE_OK)
    throw std::runtime_error("espeak-ng has no voice '" + voice + "'");
  if (espeak_SetParameter(espeakRATE, rate_wpm, 0) != EE_OK)
    throw std::runtime_error("espeak-ng rejected rate " + std::to_string(rate_wpm));
  espeak_SetSynthCallback(collect);
}

EspeakSynth::~EspeakSynth() { espeak_Terminate(); }

EspeakSentence EspeakSynth::speak(const std::string& text) {
  EspeakSentence sentence;
  const espeak_ERROR status = espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0,
                                           espeakCHARS_UTF8, nullptr, &sentence);
  if (status != EE_OK) throw std::runtime_error("espeak-ng failed to speak: " + text);
  espeak_Synchronize();
  return sentence;
}

}  // namespace facecast::bench
