#include <gtest/gtest.h>

#include "speech/letter_to_sound.h"
#include "speech/pronouncing_dictionary.h"
#include "speech/pronunciations.h"
#include "speech/sphinx_decoder.h"
#include "speech/timeline_builder.h"
#include "speech/transcript_words.h"

namespace facecast::speech {
namespace {

using Words = std::vector<std::string>;

TEST(transcriptWords, foldsCaseAndDropsPunctuation) {
  EXPECT_EQ(transcript_words("Hello, World! \"Don't\" -- stop."), (Words{"hello", "world", "don't", "stop"}));
  EXPECT_EQ(transcript_words("well-known"), (Words{"well", "known"}));
}

TEST(transcriptWords, spellsOutNumbers) {
  EXPECT_EQ(transcript_words("7"), (Words{"seven"}));
  EXPECT_EQ(transcript_words("42 cats"), (Words{"forty", "two", "cats"}));
  EXPECT_EQ(transcript_words("1,250"), (Words{"one", "thousand", "two", "hundred", "fifty"}));
  EXPECT_EQ(transcript_words("3.5"), (Words{"three", "point", "five"}));
  EXPECT_EQ(transcript_words("the 21st"), (Words{"the", "twenty", "first"}));
  EXPECT_EQ(transcript_words("in 1999"), (Words{"in", "nineteen", "ninety", "nine"}));
  EXPECT_EQ(transcript_words("1905"), (Words{"nineteen", "oh", "five"}));
  EXPECT_EQ(transcript_words("2000"), (Words{"two", "thousand"}));
  EXPECT_EQ(transcript_words("50%"), (Words{"fifty", "percent"}));
  EXPECT_EQ(transcript_words("you & me"), (Words{"you", "and", "me"}));
}

TEST(letterToSound, givesPlausiblePronunciations) {
  EXPECT_EQ(letter_to_sound("cat"), (Words{"K", "AE", "T"}));
  EXPECT_EQ(letter_to_sound("make"), (Words{"M", "EY", "K"}));
  EXPECT_EQ(letter_to_sound("ship"), (Words{"SH", "IH", "P"}));
  EXPECT_EQ(letter_to_sound("nation"), (Words{"N", "AE", "SH", "AH", "N"}));
  EXPECT_EQ(letter_to_sound("city"), (Words{"S", "IH", "T", "IY"}));
  EXPECT_EQ(letter_to_sound("knight"), (Words{"N", "AY", "T"}));
  EXPECT_TRUE(letter_to_sound("123").empty());
}

TEST(pronounce, fallsBackToRulesForUnknownWords) {
  const PronouncingDictionary dictionary(dictionary_path(SpeechSettings{}));
  const auto known = pronounce(dictionary, "forward");
  EXPECT_FALSE(known.from_rules);
  EXPECT_EQ(known.variants.front(), (Words{"F", "AO", "R", "W", "ER", "D"}));
  const auto variants = pronounce(dictionary, "the");
  EXPECT_GE(variants.variants.size(), 2u);
  const auto unknown = pronounce(dictionary, "zorblaxing");
  EXPECT_TRUE(unknown.from_rules);
  EXPECT_EQ(unknown.variants.front(), (Words{"Z", "AO", "R", "B", "L", "AE", "K", "S", "IH", "NG"}));
  EXPECT_EQ(pronounce(dictionary, "read(2)").variants.size(), 1u);
  EXPECT_EQ(pronounce(dictionary, "read(2)").word, "read");
}

TEST(normalizePhone, mapsFillersToSilence) {
  EXPECT_EQ(normalize_phone("ph_AA"), "AA");
  EXPECT_EQ(normalize_phone("AH0"), "AH");
  EXPECT_EQ(normalize_phone("+NSN+"), "SIL");
  EXPECT_EQ(normalize_phone("<sil>"), "SIL");
  EXPECT_EQ(normalize_phone("ph_SIL"), "SIL");
}

TEST(timelineBuilder, fillsGapsAndCoversTheDuration) {
  TimelineBuilder b;
  b.add_phone("AA", 0.5, 0.6);
  b.add_phone("B", 0.55, 0.7);  // overlapping: clipped
  b.add_phone("SIL", 0.7, 0.8);
  b.add_word("Ab", 0.5, 0.7);
  const auto t = b.finish(1.0, SpeechMode::Phonetic);
  ASSERT_EQ(t.phones.size(), 4u);
  EXPECT_EQ(t.phones[0].phone, "SIL");
  EXPECT_DOUBLE_EQ(t.phones[2].start, 0.6);
  EXPECT_EQ(t.phones[3].phone, "SIL");
  EXPECT_DOUBLE_EQ(t.phones[3].start, 0.7);
  EXPECT_DOUBLE_EQ(t.phones[3].end, 1.0);
  EXPECT_EQ(t.words.at(0).word, "ab");
}

}  // namespace
}  // namespace facecast::speech
