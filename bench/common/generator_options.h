// Command line shared by the speech generators (espeak-ng, flite): which sentences,
// which pauses between them, where to write.
#pragma once
#include <string>
#include <vector>

namespace facecast::bench {

struct GeneratorOptions {
  std::string voice;
  int rate_wpm = 175;
  std::string sentences_file;
  int first = 0;               // index of the first sentence used (wraps around)
  int count = 0;               // sentences to use; 0 = all
  double min_seconds = 0;      // keep cycling through the sentences until this long
  std::vector<double> pauses{0.3, 0.5, 0.7};  // between sentences, used in turn
  double long_pause = 2.0;     // after every long_every-th sentence
  int long_every = 4;
  std::string out_prefix;
};

// Parses argv; prints usage and exits(2) on a bad command line.
GeneratorOptions parse_generator_options(int argc, char** argv, const char* program, const char* voices_help);

// The sentence list for these options (one per non-empty, non-# line of the file).
std::vector<std::string> pick_sentences(const GeneratorOptions& options);

// Pause after the i-th sentence (0-based) of the recording.
double pause_after(const GeneratorOptions& options, int i);

}  // namespace facecast::bench
