// What speech analysis hands to face synthesis: timed phones and words.
#pragma once
#include <string>
#include <vector>

namespace facecast {

enum class SpeechMode { Auto, Align, Recognize, Phonetic };

// A phone in CMUdict's ARPAbet without stress digits ("AA", "P", "HH"), or
// "SIL" for silence/non-speech. Times in seconds from the start of the audio;
// end is exclusive and segments are sorted and do not overlap.
struct PhoneSegment {
  std::string phone;
  double start = 0;
  double end = 0;
};

struct WordSegment {
  std::string word;  // lower case, as in the transcript or the recogniser's output
  double start = 0;
  double end = 0;
};

struct SpeechTimeline {
  std::vector<PhoneSegment> phones;
  std::vector<WordSegment> words;
  SpeechMode mode = SpeechMode::Auto;  // the mode actually used (never Auto)
};

}  // namespace facecast
