#include "speech/stop_closures.h"

#include <gtest/gtest.h>

namespace facecast::speech {
namespace {

std::vector<PhoneSegment> phones_around_pause(double pause_s, const std::string& next) {
  return {{"AH", 0.0, 0.3}, {"SIL", 0.3, 0.3 + pause_s}, {next, 0.3 + pause_s, 0.4 + pause_s}, {"AE", 0.4 + pause_s, 0.6 + pause_s}};
}

TEST(giveClosuresToStops, givesAShortPauseBeforeAStopToTheStop) {
  auto phones = phones_around_pause(0.05, "K");
  std::vector<WordSegment> words = {{"a", 0.0, 0.3}, {"cat", 0.35, 0.65}};
  give_closures_to_stops(phones, words);
  ASSERT_EQ(phones.size(), 3u);  // the pause is gone
  EXPECT_EQ(phones[1].phone, "K");
  EXPECT_DOUBLE_EQ(phones[1].start, 0.3);
  EXPECT_DOUBLE_EQ(phones[0].end, 0.3);
  EXPECT_DOUBLE_EQ(words[1].start, 0.3);  // the word starts with its stop
  EXPECT_DOUBLE_EQ(words[0].end, 0.3);
}

TEST(giveClosuresToStops, givesAClosuresLengthOfALongerPause) {
  auto phones = phones_around_pause(0.15, "P");
  std::vector<WordSegment> words;
  give_closures_to_stops(phones, words);
  ASSERT_EQ(phones.size(), 4u);
  EXPECT_NEAR(phones[1].end, 0.45 - kStopClosureS, 1e-9);
  EXPECT_NEAR(phones[2].start, 0.45 - kStopClosureS, 1e-9);
  EXPECT_DOUBLE_EQ(phones[2].end, 0.55);
}

TEST(giveClosuresToStops, leavesRealPausesAlone) {
  const auto before = phones_around_pause(kMaxClosurePauseS + 0.05, "B");
  auto phones = before;
  std::vector<WordSegment> words = {{"a", 0.0, 0.3}, {"bat", 0.55, 0.85}};
  give_closures_to_stops(phones, words);
  ASSERT_EQ(phones.size(), before.size());
  for (size_t i = 0; i < phones.size(); ++i) {
    EXPECT_DOUBLE_EQ(phones[i].start, before[i].start);
    EXPECT_DOUBLE_EQ(phones[i].end, before[i].end);
  }
  EXPECT_DOUBLE_EQ(words[1].start, 0.55);
}

TEST(giveClosuresToStops, leavesPausesBeforeOtherPhonesAlone) {
  for (const char* next : {"M", "S", "AA", "N", "F"}) {
    const auto before = phones_around_pause(0.05, next);
    auto phones = before;
    std::vector<WordSegment> words;
    give_closures_to_stops(phones, words);
    ASSERT_EQ(phones.size(), before.size()) << next;
    EXPECT_DOUBLE_EQ(phones[2].start, before[2].start) << next;
  }
}

TEST(giveClosuresToStops, keepsTheTimelineContiguous) {
  std::vector<PhoneSegment> phones = {{"SIL", 0.0, 0.1}, {"T", 0.1, 0.15}, {"IH", 0.15, 0.2}, {"SIL", 0.2, 0.23},
                                      {"CH", 0.23, 0.3}, {"SIL", 0.3, 0.4}, {"JH", 0.4, 0.5}};
  std::vector<WordSegment> words;
  give_closures_to_stops(phones, words);
  EXPECT_DOUBLE_EQ(phones.front().start, 0.0);
  EXPECT_DOUBLE_EQ(phones.back().end, 0.5);
  for (size_t i = 1; i < phones.size(); ++i) {
    EXPECT_DOUBLE_EQ(phones[i].start, phones[i - 1].end) << i;
    EXPECT_GT(phones[i].end, phones[i].start) << i;
  }
  EXPECT_EQ(phones[0].phone, "SIL");  // the leading pause keeps what the closure leaves
  EXPECT_NEAR(phones[0].end, 0.02, 1e-9);
}

}  // namespace
}  // namespace facecast::speech
