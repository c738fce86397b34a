#include "speech/stop_closures.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <string_view>

namespace facecast::speech {
namespace {

bool is_stop(std::string_view phone) {
  static constexpr std::array<std::string_view, 8> kStops = {"P", "B", "T", "D", "K", "G", "CH", "JH"};
  return std::find(kStops.begin(), kStops.end(), phone) != kStops.end();
}

}  // namespace

void give_closures_to_stops(std::vector<PhoneSegment>& phones, std::vector<WordSegment>& words) {
  constexpr double kSameTime = 1e-6;
  bool emptied = false;
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
    emptied = emptied || pause.end - pause.start <= kSameTime;
  }
  if (emptied) std::erase_if(phones, [](const PhoneSegment& p) { return p.end - p.start <= kSameTime; });
}

}  // namespace facecast::speech
