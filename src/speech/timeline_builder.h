// Collects timed phones and words from the utterances of one input and turns
// them into the SpeechTimeline contract: phones contiguous from 0 to the
// duration (gaps filled with SIL, neighbouring SILs merged), words sorted.
#pragma once
#include <string>
#include <string_view>

#include "core/timeline.h"

namespace facecast::speech {

// A decoder's unit name -> ARPAbet without stress, or "SIL" for silence,
// noise and fillers ("+NSN+", "<sil>", "ph_SIL", ...).
std::string normalize_phone(std::string_view unit);

class TimelineBuilder {
 public:
  void add_phone(std::string_view unit, double start, double end);
  void add_word(std::string word, double start, double end);
  void add_unaligned_word(std::string word, std::size_t index);
  SpeechTimeline finish(double duration, SpeechMode mode);

 private:
  std::vector<PhoneSegment> phones_;
  std::vector<WordSegment> words_;
  std::vector<UnalignedWord> unaligned_;
};

}  // namespace facecast::speech
