// Scores one engine output against its truth, and pools scores over files.
#pragma once
#include <string>

#include "quality/engine_output.h"
#include "quality/metrics.h"

namespace facecast::bench {

struct Score {
  long files = 0;
  double seconds = 0;
  FrameAccuracy synth;  // argmax of the JSON's viseme frames
  FrameAccuracy raw;    // the JSON's "phonemes" mapped straight to visemes
  BilabialScore bilabial;
  RestScore rest;
  RestScore rest_inner;  // the same, 100 ms in from each edge of the silence
  long transcripts = 0;      // files with a transcript to compare words with
  long words_matching = 0;   // ... whose recognised/aligned word sequence equals it

  Score& operator+=(const Score& other);
};

// transcript: empty, or the text the words are compared with (case and punctuation ignored).
Score score_file(const EngineOutput& output, const std::vector<TruthSegment>& truth, const std::string& transcript);

// Truth taken from another engine output (real speech: the forced alignment).
std::vector<TruthSegment> truth_from_output(const EngineOutput& reference);

// Lower-case words without punctuation; drops fillers such as <sil>, [noise], +NSN+.
std::vector<std::string> normalised_words(const std::string& text);

}  // namespace facecast::bench
