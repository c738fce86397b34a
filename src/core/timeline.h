// What speech analysis hands to face synthesis: timed phones and words.
#pragma once
#include <cstddef>
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

// A transcript word the aligner found no place for in the audio (likely not
// spoken); index: its position among the transcript's words as read (numbers
// spelled out), counting from 0.
struct UnalignedWord {
  std::string word;
  std::size_t index = 0;
};

struct SpeechTimeline {
  std::vector<PhoneSegment> phones;
  std::vector<WordSegment> words;
  std::vector<UnalignedWord> unaligned_words;  // align mode only
  // Pieces of the transcript with no reading (words in other scripts, "½"),
  // left out of the words to align; given whenever a transcript was.
  std::vector<std::string> unread_transcript;
  SpeechMode mode = SpeechMode::Auto;  // the mode actually used (never Auto)
};

}  // namespace facecast
