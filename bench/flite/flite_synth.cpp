#include "flite/flite_synth.h"

#include <flite/flite.h>

#include <algorithm>
#include <stdexcept>

#include "common/arpabet_visemes.h"

extern "C" {
cst_voice* register_cmu_us_slt(const char* voxdir);
cst_voice* register_cmu_us_awb(const char* voxdir);
cst_voice* register_cmu_us_rms(const char* voxdir);
cst_voice* register_cmu_us_kal16(const char* voxdir);
}

namespace facecast::bench {
namespace {

cst_voice* load_voice(const std::string& name) {
  if (name == "slt") return register_cmu_us_slt(nullptr);
  if (name == "awb") return register_cmu_us_awb(nullptr);
  if (name == "rms") return register_cmu_us_rms(nullptr);
  if (name == "kal16") return register_cmu_us_kal16(nullptr);
  throw std::runtime_error("unknown flite voice '" + name + "' (slt, awb, rms, kal16)");
}

// Flite's phone names are lower-case ARPAbet plus a few TIMIT-style extras.
std::string arpabet_of_flite(const std::string& name) {
  if (name == "pau" || name == "h#" || name == "brth") return "SIL";
  if (name == "ax") return "AH";
  if (name == "axr") return "ER";
  if (name == "dx") return "T";  // flap, written T or D in CMUdict
  if (name == "el") return "L";
  if (name == "em") return "M";
  if (name == "en" || name == "nx") return "N";
  if (name == "hv") return "HH";
  std::string upper = name;
  std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
  return upper;
}

}  // namespace

FliteSynth::FliteSynth(const std::string& voice, int rate_wpm) {
  flite_init();
  voice_ = load_voice(voice);
  if (!voice_) throw std::runtime_error("flite failed to load voice " + voice);
  if (rate_wpm <= 0) throw std::runtime_error("rate must be positive");
  feat_set_float(voice_->features, "duration_stretch", 175.0f / float(rate_wpm));
}

SentenceAudio FliteSynth::speak(const std::string& text) {
  cst_utterance* utt = flite_synth_text(text.c_str(), voice_);
  if (!utt) throw std::runtime_error("flite failed to speak: " + text);
  const cst_wave* wave = utt_wave(utt);
  sample_rate_ = wave->sample_rate;
  SentenceAudio out;
  out.samples.assign(wave->samples, wave->samples + wave->num_samples * wave->num_channels);
  double start = 0;
  for (cst_item* s = relation_head(utt_relation(utt, "Segment")); s; s = item_next(s)) {
    const std::string name = item_feat_string(s, "name");
    const double end = item_feat_float(s, "end");
    const std::string phone = arpabet_of_flite(name);
    const auto viseme = viseme_of_arpabet(phone);
    if (!viseme) throw std::runtime_error("no viseme for flite phone '" + name + "'");
    out.segments.push_back({start, end, phone, *viseme, name});
    start = end;
  }
  delete_utterance(utt);
  return out;
}

}  // namespace facecast::bench
