// Shared checks and helpers for speech tests.
#pragma once
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "core/timeline.h"
#include "speech/analyzer.h"

namespace facecast::testing {

inline bool is_arpabet_or_sil(const std::string& p) {
  static const std::set<std::string> phones = {
      "AA", "AE", "AH", "AO", "AW", "AY", "B", "CH", "D", "DH", "EH", "ER", "EY", "F", "G", "HH", "IH", "IY", "JH", "K",
      "L", "M", "N", "NG", "OW", "OY", "P", "R", "S", "SH", "T", "TH", "UH", "UW", "V", "W", "Y", "Z", "ZH", "SIL"};
  return phones.count(p) > 0;
}

// Phones contiguous from 0 to duration, known labels, positive lengths.
inline void expect_phones_cover(const std::vector<PhoneSegment>& phones, double duration) {
  ASSERT_FALSE(phones.empty());
  EXPECT_DOUBLE_EQ(phones.front().start, 0.0);
  EXPECT_NEAR(phones.back().end, duration, 1e-9);
  for (size_t i = 0; i < phones.size(); ++i) {
    EXPECT_TRUE(is_arpabet_or_sil(phones[i].phone)) << phones[i].phone;
    EXPECT_GT(phones[i].end, phones[i].start) << i;
    if (i > 0) { EXPECT_NEAR(phones[i].start, phones[i - 1].end, 1e-9) << i; }
  }
}

inline void expect_words_ordered(const std::vector<WordSegment>& words, double duration) {
  for (size_t i = 0; i < words.size(); ++i) {
    EXPECT_GE(words[i].start, 0.0);
    EXPECT_GT(words[i].end, words[i].start) << words[i].word;
    EXPECT_LE(words[i].end, duration + 1e-9);
    if (i > 0) { EXPECT_GE(words[i].start, words[i - 1].end - 1e-9) << words[i].word; }
  }
}

inline std::vector<std::string> word_list(const SpeechTimeline& t) {
  std::vector<std::string> out;
  for (const auto& w : t.words) out.push_back(w.word);
  return out;
}

// Phone label per 10 ms frame, for comparing timelines.
inline std::vector<std::string> frame_labels(const std::vector<PhoneSegment>& phones, double duration) {
  std::vector<std::string> labels(static_cast<size_t>(duration * 100), "SIL");
  for (const auto& p : phones)
    for (size_t f = static_cast<size_t>(p.start * 100 + 0.5); f < static_cast<size_t>(p.end * 100 + 0.5) && f < labels.size(); ++f)
      labels[f] = p.phone;
  return labels;
}

inline double frame_agreement(const std::vector<PhoneSegment>& a, const std::vector<PhoneSegment>& b, double duration) {
  const auto la = frame_labels(a, duration), lb = frame_labels(b, duration);
  size_t same = 0;
  for (size_t i = 0; i < la.size(); ++i) same += la[i] == lb[i] ? 1 : 0;
  return la.empty() ? 1.0 : static_cast<double>(same) / static_cast<double>(la.size());
}

// One warm analyzer for the whole test program (model load takes ~1 s).
inline speech::Analyzer& shared_analyzer() {
  static speech::Analyzer analyzer{SpeechSettings{}};
  return analyzer;
}

}  // namespace facecast::testing
