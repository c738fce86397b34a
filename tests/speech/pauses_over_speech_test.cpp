// The rule that finds pauses a forced alignment put over speech, on
// hand-built alignments: three words with a SIL before the second and third.
#include <gtest/gtest.h>

#include "speech/pauses_over_speech.h"

namespace facecast::speech {
namespace {

// Leading SIL 0-9, word 0 at 10-29, SIL 30-39, word 1 at 40-59, SIL 60-(60+last_pause-1),
// word 2 after it, trailing SIL of 10 frames.
Alignment three_words(int last_pause) {
  const int w2 = 60 + last_pause;
  Alignment a;
  a.ok = true;
  a.words_used = 3;
  a.phones = {{"SIL", 0, 9},  {"AH", 10, 29}, {"SIL", 30, 39},         {"B", 40, 59},
              {"SIL", 60, w2 - 1}, {"IY", w2, w2 + 19}, {"SIL", w2 + 20, w2 + 29}};
  a.words = {{0, 10, 29}, {1, 40, 59}, {2, w2, w2 + 19}};
  return a;
}

std::vector<bool> loud_over(std::initializer_list<std::pair<int, int>> spans, size_t frames) {
  std::vector<bool> loud(frames, false);
  for (const auto& [b, e] : spans)
    for (int f = b; f <= e; ++f) loud[static_cast<size_t>(f)] = true;
  return loud;
}

// The words the judged SILs precede, each SIL judged over speech throughout.
std::vector<size_t> words_before(const std::vector<PauseOverSpeech>& pauses) {
  std::vector<size_t> out;
  for (const auto& p : pauses) {
    EXPECT_EQ(p.where, SpeechInPause::Throughout);
    out.push_back(p.word);
  }
  return out;
}

TEST(pausesOverSpeech, findsAPauseWithMoreThanAThirdOfItsFramesLoud) {
  const auto a = three_words(15);
  const auto loud = loud_over({{10, 29}, {40, 59}, {60, 65}, {75, 94}}, 110);  // 6 of the second pause's 15 frames
  EXPECT_EQ(words_before(pauses_over_speech(a, loud, 0)), std::vector<size_t>{2});
}

TEST(pausesOverSpeech, leavesQuietPauses) {
  const auto a = three_words(20);
  // The first pause has only 4 loud frames, the second 6 of its 20.
  const auto loud = loud_over({{10, 29}, {30, 33}, {40, 59}, {60, 65}, {80, 99}}, 110);
  EXPECT_TRUE(pauses_over_speech(a, loud, 0).empty());
}

// A first word found late: its start under the leading SIL. The trailing SIL
// is not judged (breaths and noise tails; the joins handle long speech there).
TEST(pausesOverSpeech, findsSpeechUnderTheUtterancesLeadingPause) {
  const auto a = three_words(10);  // leading SIL 0-9, words 10-29, 40-59, 70-89, trailing SIL 90-99
  EXPECT_EQ(pauses_over_speech(a, loud_over({{4, 29}}, 110), 0),
            (std::vector<PauseOverSpeech>{{0, SpeechInPause::WordStartsLate}}));
  EXPECT_TRUE(pauses_over_speech(a, loud_over({{6, 29}}, 110), 0).empty());  // 4 loud frames: too few
  EXPECT_TRUE(pauses_over_speech(a, loud_over({{70, 99}}, 110), 0).empty());
}

// A breath well before the first word, then quiet: not the word.
TEST(pausesOverSpeech, leavesASoundBeforeTheQuietStartOfAnUtterance) {
  Alignment a;
  a.ok = true;
  a.words_used = 1;
  a.phones = {{"SIL", 0, 39}, {"AH", 40, 59}, {"SIL", 60, 69}};
  a.words = {{0, 40, 59}};
  EXPECT_TRUE(pauses_over_speech(a, loud_over({{5, 12}, {40, 59}}, 80), 0).empty());
}

TEST(pausesOverSpeech, needsMoreThanAThird) {
  const auto a = three_words(15);
  EXPECT_TRUE(pauses_over_speech(a, loud_over({{60, 64}}, 110), 0).empty());             // 5 of 15
  EXPECT_EQ(words_before(pauses_over_speech(a, loud_over({{60, 65}}, 110), 0)), std::vector<size_t>{2});  // 6 of 15
}

TEST(pausesOverSpeech, leavesLongLoudStretchesToTheHiddenSpeechCheck) {
  const auto a = three_words(kMaxJudgedPauseFrames + 1);  // word 2 at 96-115
  const auto loud = loud_over({{10, 115}}, 200);          // every frame from the first word to the last
  EXPECT_EQ(words_before(pauses_over_speech(a, loud, 0)), std::vector<size_t>{1});  // the 10-frame pause only
}

// "lamp? Her brother": a long real pause with the next word's start in its end.
TEST(pausesOverSpeech, findsSpeechAtTheEndOfALongPause) {
  const auto a = three_words(50);                         // SIL 60-109 before word 2
  const auto loud = loud_over({{40, 59}, {95, 109}}, 150);  // 15 loud frames after 35 quiet ones
  EXPECT_EQ(pauses_over_speech(a, loud, 0), (std::vector<PauseOverSpeech>{{2, SpeechInPause::AtEnd}}));
}

TEST(pausesOverSpeech, findsSpeechAtTheStartOfALongPause) {
  const auto a = three_words(50);
  const auto loud = loud_over({{60, 72}}, 150);  // 13 loud frames, then 37 quiet ones
  EXPECT_EQ(pauses_over_speech(a, loud, 0), (std::vector<PauseOverSpeech>{{2, SpeechInPause::AtStart}}));
}

TEST(pausesOverSpeech, leavesALongPauseWithSpeechOnlyInItsMiddle) {
  const auto a = three_words(50);
  EXPECT_TRUE(pauses_over_speech(a, loud_over({{75, 94}}, 150), 0).empty());  // a cough between quiet runs
  EXPECT_TRUE(pauses_over_speech(a, loud_over({{100, 102}}, 150), 0).empty());  // 3 loud frames at its end: too few
}

TEST(pausesOverSpeech, readsLoudFramesFromTheUtterancesPlaceInTheInput) {
  const auto a = three_words(10);
  const auto loud = loud_over({{530, 539}}, 700);  // the first pause, utterance starting at frame 500
  EXPECT_EQ(words_before(pauses_over_speech(a, loud, 500)), std::vector<size_t>{1});
  EXPECT_TRUE(pauses_over_speech(a, loud, 0).empty());
}

TEST(pausesOverSpeech, listsTheLoudestPauseFirst) {
  const auto a = three_words(20);
  const auto loud = loud_over({{30, 35}, {60, 79}}, 120);
  EXPECT_EQ(words_before(pauses_over_speech(a, loud, 0)), (std::vector<size_t>{2, 1}));
}

}  // namespace
}  // namespace facecast::speech
