// Test speech from the espeak-ng program (GPL: run as a separate process to
// make test audio, never linked): sentences joined by exact digital pauses.
#pragma once
#include <string>
#include <vector>

namespace facecast::testing {

struct SpokenPassage {
  std::vector<float> pcm16k;
  std::string transcript;
  std::vector<std::pair<double, double>> pauses;  // seconds, the silences inserted between sentences
};

// Each sentence synthesised alone by `espeak-ng -v voice -s wpm`, then joined
// with pause_s[i % size] of silence (0.25 s before the first, 0.4 s after the last).
SpokenPassage espeak_passage(const std::vector<std::string>& sentences, const std::string& voice, int wpm,
                             const std::vector<double>& pause_s);

}  // namespace facecast::testing
