// Flite (CMU, BSD-style licence; benchmark use only) with its statistical voices:
// more natural than espeak-ng. The utterance's Segment relation gives each phone's
// end time, from the same durations the waveform was generated with.
#pragma once
#include "common/recording.h"

#include <string>

struct cst_voice_struct;

namespace facecast::bench {

class FliteSynth {
 public:
  // voice: slt, awb, rms, kal16 (CMU US voices packaged by Debian);
  // rate_wpm scales durations relative to 175 words/minute.
  FliteSynth(const std::string& voice, int rate_wpm);
  SentenceAudio speak(const std::string& text);
  int sample_rate() const { return sample_rate_; }

 private:
  cst_voice_struct* voice_ = nullptr;
  int sample_rate_ = 0;
};

}  // namespace facecast::bench
