// bench_flite_truth: English test speech from Flite's statistical voices with the
// phone end times of its utterance, mapped to visemes.
#include <exception>
#include <iostream>

#include "common/generate.h"
#include "flite/flite_synth.h"

using namespace facecast::bench;

int main(int argc, char** argv) {
  const auto options =
      parse_generator_options(argc, argv, "bench_flite_truth", "voices: slt, awb, rms, kal16");
  try {
    FliteSynth synth(options.voice, options.rate_wpm);
    synth.speak("Hello.");  // learns the voice's sample rate
    const double seconds = generate_recording(
        options, synth.sample_rate(), [&](const std::string& text) { return synth.speak(text); },
        {"source=flite (utterance Segment relation, end times)"});
    std::cout << options.out_prefix << ".wav " << seconds << " s\n";
  } catch (const std::exception& e) {
    std::cerr << "bench_flite_truth: " << e.what() << "\n";
    return 1;
  }
}
