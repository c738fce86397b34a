// Speech a forced alignment labelled SIL, counted on hand-built alignments.
#include <gtest/gtest.h>

#include <string>

#include "speech/hidden_speech.h"

namespace facecast::speech {
namespace {

// SIL 0-9, AH 10-29, SIL 30-59, B 60-79, then `tail` (SIL 80-99 or B 80-99).
Alignment alignment(const char* tail) {
  Alignment a;
  a.ok = true;
  a.words_used = 2;
  a.phones = {{"SIL", 0, 9}, {"AH", 10, 29}, {"SIL", 30, 59}, {"B", 60, 79}, {tail, 80, 99}};
  a.words = {{0, 10, 29}, {1, 60, std::string(tail) == "SIL" ? 79 : 99}};
  return a;
}

std::vector<bool> voiced_over(int begin, int end, size_t frames) {
  std::vector<bool> v(frames, false);
  for (int f = begin; f <= end; ++f) v[static_cast<size_t>(f)] = true;
  return v;
}

TEST(findHiddenSpeech, countsVoicedFramesUnderSilsAndPhones) {
  const auto h = find_hidden_speech(alignment("SIL"), voiced_over(5, 94, 100), 0);
  EXPECT_EQ(h.spoken_frames, 20 + 20);
  EXPECT_EQ(h.hidden_frames, 5 + 30 + 15);
  EXPECT_EQ(h.longest_frames, 30);
}

TEST(findHiddenSpeech, countsSpeechUnderTheFinalSil) {
  EXPECT_EQ(find_hidden_speech(alignment("SIL"), voiced_over(80, 91, 100), 0).trailing_frames, 12);
  // Read at the utterance's place in the input.
  EXPECT_EQ(find_hidden_speech(alignment("SIL"), voiced_over(1080, 1091, 1100), 1000).trailing_frames, 12);
}

TEST(findHiddenSpeech, hasNoTrailingSpeechWhenTheLastPhoneIsSpoken) {
  EXPECT_EQ(find_hidden_speech(alignment("B"), voiced_over(0, 99, 100), 0).trailing_frames, 0);
}

}  // namespace
}  // namespace facecast::speech
