#include "speech/sphinx_decoder.h"

#include <gtest/gtest.h>

namespace facecast::speech {
namespace {

std::vector<std::string> words_of(const std::vector<DecodedSegment>& segments) {
  std::vector<std::string> out;
  for (const auto& s : segments) out.push_back(s.word);
  return out;
}

TEST(voiceFillersBetweenPhones, aFillerBetweenTwoPhonesBecomesAnOpenVowel) {
  // flite slt at 150 wpm, "walk": W, then +SPN+ over the vowel, then K.
  std::vector<DecodedSegment> segments{{"SIL", 0, 9, 0}, {"W", 10, 18, 0}, {"+SPN+", 19, 41, 0}, {"K", 42, 50, 0}};
  voice_fillers_between_phones(segments);
  EXPECT_EQ(words_of(segments), (std::vector<std::string>{"SIL", "W", "AH", "K"}));
  EXPECT_EQ(segments[2].start_frame, 19);
  EXPECT_EQ(segments[2].end_frame, 41);
}

TEST(voiceFillersBetweenPhones, aFillerBesideAPauseOrAtAnEdgeStaysAPause) {
  // A breath before a pause, noise at the utterance's edges.
  std::vector<DecodedSegment> segments{{"+NSN+", 0, 5, 0},  {"D", 6, 12, 0},     {"+NSN+", 13, 24, 0},
                                       {"SIL", 25, 60, 0},  {"+SPN+", 61, 70, 0}, {"AH", 71, 80, 0},
                                       {"+SPN+", 81, 90, 0}};
  voice_fillers_between_phones(segments);
  EXPECT_EQ(words_of(segments),
            (std::vector<std::string>{"+NSN+", "D", "+NSN+", "SIL", "+SPN+", "AH", "+SPN+"}));
}

}  // namespace
}  // namespace facecast::speech
