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

// "that is": T, a short silent gap, IH. The gap goes to the T (and its word).
std::vector<PhoneSegment> stop_then_gap(double gap_s, const std::string& next, double phone_s = 0.08) {
  std::vector<PhoneSegment> phones;
  double t = 0;
  for (int i = 0; i < 24; ++i, t += phone_s) phones.push_back({i % 2 ? "AE" : "S", t, t + phone_s});  // sets the pace
  phones.push_back({"T", t, t + phone_s});
  t += phone_s;
  phones.push_back({"SIL", t, t + gap_s});
  phones.push_back({next, t + gap_s, t + gap_s + phone_s});
  return phones;
}

TEST(giveClosuresToStops, holdsAStopThroughAShortGapAfterIt) {
  auto phones = stop_then_gap(0.1, "IH");
  const double gap_end = phones[25].end;
  std::vector<WordSegment> words = {{"that", 1.84, phones[24].end}, {"is", gap_end, gap_end + 0.08}};
  give_closures_to_stops(phones, words);
  ASSERT_EQ(phones.size(), 26u);  // the gap is gone
  EXPECT_EQ(phones[24].phone, "T");
  EXPECT_DOUBLE_EQ(phones[24].end, gap_end);
  EXPECT_DOUBLE_EQ(phones[25].start, gap_end);
  EXPECT_DOUBLE_EQ(words[0].end, gap_end);
  EXPECT_DOUBLE_EQ(words[1].start, gap_end);
}

TEST(giveClosuresToStops, leavesAGapBeforeAStopOrMOrALongerPauseAfterAStop) {
  for (const auto& [gap, next] : std::vector<std::pair<double, std::string>>{
           {0.1, "K"}, {0.1, "M"}, {kMaxReleasePauseS + 0.03, "IH"}}) {
    auto phones = stop_then_gap(gap, next);
    std::vector<WordSegment> words;
    give_closures_to_stops(phones, words);
    // Before a stop the gap is that stop's closure instead; otherwise it stays.
    ASSERT_EQ(phones[24].phone, "T") << next;
    EXPECT_NEAR(phones[24].end, 2.0, 1e-9) << next;
  }
}

TEST(giveClosuresToStops, holdsStopsThroughLongerGapsInSlowSpeech) {
  // Phones of 160 ms (6 a second): twice ordinary speech's length.
  const double gap = kMaxReleasePauseS + 0.05;
  auto slow = stop_then_gap(gap, "IH", 0.16);
  std::vector<WordSegment> words;
  give_closures_to_stops(slow, words);
  EXPECT_EQ(slow.size(), 26u);
  auto ordinary = stop_then_gap(gap, "IH");
  give_closures_to_stops(ordinary, words);
  EXPECT_EQ(ordinary.size(), 27u);
}

}  // namespace
}  // namespace facecast::speech
