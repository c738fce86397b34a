// bench_espeak_truth: English test speech from espeak-ng with its true phone
// intervals (from the library's phoneme events) mapped to ARPAbet and visemes.
#include <exception>
#include <iostream>

#include "common/arpabet_visemes.h"
#include "common/generate.h"
#include "espeak/espeak_phonemes.h"
#include "espeak/espeak_synth.h"
#include "espeak/stop_closures.h"

using namespace facecast::bench;

namespace {

// A phoneme's interval runs to the next phoneme's start (the last one to the sentence end).
SentenceAudio to_sentence_audio(EspeakSentence spoken, int sample_rate) {
  move_stops_to_closure_onset(spoken, sample_rate);
  SentenceAudio out{spoken.samples, {}};
  const double audio_end = double(spoken.samples.size()) / sample_rate;
  for (std::size_t i = 0; i < spoken.phonemes.size(); ++i) {
    const auto& p = spoken.phonemes[i];
    const double end = i + 1 < spoken.phonemes.size() ? spoken.phonemes[i + 1].start
                                                      : std::min(std::max(spoken.end, p.start), audio_end);
    double start = p.start;
    for (const auto& part : arpabet_of_espeak(p.mnemonic)) {
      const double part_end = start + part.share * (end - p.start);
      const auto viseme = viseme_of_arpabet(part.phone);
      if (!viseme) throw std::runtime_error("no viseme for " + part.phone);
      out.segments.push_back({start, part_end, part.phone, *viseme, p.mnemonic});
      start = part_end;
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  const auto options = parse_generator_options(
      argc, argv, "bench_espeak_truth", "voices: espeak-ng names, e.g. en-us, en, en-us+m3, en+f2");
  try {
    EspeakSynth synth(options.voice, options.rate_wpm);
    const double seconds = generate_recording(
        options, synth.sample_rate(),
        [&](const std::string& text) { return to_sentence_audio(synth.speak(text), synth.sample_rate()); },
        {"source=espeak-ng (phoneme events, audio_position)"});
    std::cout << options.out_prefix << ".wav " << seconds << " s\n";
  } catch (const std::exception& e) {
    std::cerr << "bench_espeak_truth: " << e.what() << "\n";
    return 1;
  }
}
