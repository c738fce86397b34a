#include "speech/stop_closures.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>
#include <string_view>

namespace facecast::speech {
namespace {

bool is_stop(std::string_view phone) {
  static constexpr std::array<std::string_view, 8> kStops = {"P", "B", "T", "D", "K", "G", "CH", "JH"};
  return std::find(kStops.begin(), kStops.end(), phone) != kStops.end();
}

// The timeline's mean phone length against ordinary speech's (12 phones a
// second), within [1, 2]; 1 with too little speech to tell.
double slowness(const std::vector<PhoneSegment>& phones) {
  double seconds = 0;
  size_t count = 0;
  for (const auto& p : phones) {
    if (p.phone == "SIL") continue;
    seconds += p.end - p.start;
    ++count;
  }
  if (count < 20) return 1.0;
  return std::clamp(seconds / static_cast<double>(count) * 12.0, 1.0, 2.0);
}

constexpr double kSameTime = 1e-6;

// A short SIL between a stop and the next word's first sound (not another stop,
// whose closure it is, and not M, whose closure it already shows) goes to the stop.
void hold_stops_through_short_gaps(std::vector<PhoneSegment>& phones, std::vector<WordSegment>& words) {
  const double longest = kMaxReleasePauseS * slowness(phones);
  auto word = words.begin();
  for (size_t i = 1; i + 1 < phones.size(); ++i) {
    PhoneSegment& stop = phones[i - 1];
    PhoneSegment& gap = phones[i];
    const std::string& next = phones[i + 1].phone;
    if (gap.phone != "SIL" || !is_stop(stop.phone) || next == "SIL" || next == "M" || is_stop(next)) continue;
    if (gap.end - gap.start > longest + kSameTime) continue;
    while (word != words.end() && word->end < stop.end - kSameTime) ++word;
    if (word != words.end() && std::abs(word->end - stop.end) <= kSameTime) word->end = gap.end;  // ends with its stop
    stop.end = gap.end;
    gap.start = gap.end;
  }
}

}  // namespace

void give_closures_to_stops(std::vector<PhoneSegment>& phones, std::vector<WordSegment>& words) {
  hold_stops_through_short_gaps(phones, words);
  auto word = words.begin();
  for (size_t i = 1; i < phones.size(); ++i) {
    PhoneSegment& pause = phones[i - 1];
    PhoneSegment& stop = phones[i];
    if (pause.phone != "SIL" || !is_stop(stop.phone)) continue;
    const double length = pause.end - pause.start;
    if (length > kMaxClosurePauseS + kSameTime) continue;
    const double new_start = stop.start - std::min(length, kStopClosureS);
    while (word != words.end() && word->start < stop.start - kSameTime) ++word;
    if (word != words.end() && word->start <= stop.start + kSameTime) {
      // Never before the previous word's end (no word spans such a pause today).
      const double previous_end = word == words.begin() ? 0.0 : std::prev(word)->end;
      word->start = std::max(new_start, std::min(previous_end, word->start));
    }
    pause.end = new_start;
    stop.start = new_start;
  }
  std::erase_if(phones, [](const PhoneSegment& p) { return p.end - p.start <= kSameTime; });
}

}  // namespace facecast::speech
