#include "speech/timeline_builder.h"

#include <algorithm>
#include <cctype>

#include "speech/stop_closures.h"

namespace facecast::speech {

std::string normalize_phone(std::string_view unit) {
  if (unit.starts_with("ph_")) unit.remove_prefix(3);
  std::string out;
  for (char c : unit)
    if (std::isalpha(static_cast<unsigned char>(c))) out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  const bool filler = unit.empty() || unit.front() == '+' || unit.front() == '<' || unit.front() == '[';
  if (filler || out.empty() || out == "SIL") return "SIL";
  return out;
}

void TimelineBuilder::add_phone(std::string_view unit, double start, double end) {
  if (end > start) phones_.push_back({normalize_phone(unit), start, end});
}

void TimelineBuilder::add_word(std::string word, double start, double end) {
  std::transform(word.begin(), word.end(), word.begin(), [](unsigned char c) { return std::tolower(c); });
  if (end > start && !word.empty()) words_.push_back({std::move(word), start, end});
}

void TimelineBuilder::add_unaligned_word(std::string word, std::size_t index) {
  unaligned_.push_back({std::move(word), index});
}

SpeechTimeline TimelineBuilder::finish(double duration, SpeechMode mode) {
  SpeechTimeline t;
  t.mode = mode;
  std::stable_sort(phones_.begin(), phones_.end(), [](auto& a, auto& b) { return a.start < b.start; });
  auto append = [&t](const std::string& phone, double start, double end) {
    if (end <= start) return;
    if (!t.phones.empty() && t.phones.back().phone == "SIL" && phone == "SIL") t.phones.back().end = end;
    else t.phones.push_back({phone, start, end});
  };
  double cursor = 0;
  for (const auto& p : phones_) {
    const double start = std::max(p.start, cursor), end = std::min(p.end, duration);
    if (end <= start) continue;
    append("SIL", cursor, start);
    append(p.phone, start, end);
    cursor = end;
  }
  append("SIL", cursor, duration);
  if (!t.phones.empty()) t.phones.back().end = duration;

  std::stable_sort(words_.begin(), words_.end(), [](auto& a, auto& b) { return a.start < b.start; });
  double word_cursor = 0;
  for (auto& w : words_) {
    w.start = std::max(w.start, word_cursor);
    w.end = std::min(w.end, duration);
    if (w.end <= w.start) continue;
    word_cursor = w.end;
    t.words.push_back(std::move(w));
  }
  give_closures_to_stops(t.phones, t.words);
  t.unaligned_words = std::move(unaligned_);
  phones_.clear();
  words_.clear();
  unaligned_.clear();
  return t;
}

}  // namespace facecast::speech
