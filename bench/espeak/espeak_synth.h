// espeak-ng (GPL-3; benchmark use only, never linked into the product) in
// synchronous mode: audio plus the start time of every phoneme it speaks.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace facecast::bench {

struct EspeakPhoneme {
  std::string mnemonic;  // espeak's own phoneme name, e.g. "p", "A@", "_:"
  double start = 0;      // seconds from the sentence's first sample
};

struct EspeakSentence {
  std::vector<int16_t> samples;
  std::vector<EspeakPhoneme> phonemes;  // in time order; each ends where the next starts
  double end = 0;                       // end of the last phoneme (end-of-sentence event)
};

class EspeakSynth {
 public:
  // voice: an espeak-ng voice name such as "en-us", "en", "en-us+m3"; rate in words/minute.
  EspeakSynth(const std::string& voice, int rate_wpm);
  ~EspeakSynth();
  EspeakSynth(const EspeakSynth&) = delete;
  EspeakSynth& operator=(const EspeakSynth&) = delete;

  EspeakSentence speak(const std::string& text);
  int sample_rate() const { return sample_rate_; }

 private:
  int sample_rate_ = 0;
};

}  // namespace facecast::bench
