#include "speech/quiet_gate.h"

namespace facecast::speech {

QuietGate::QuietGate(const std::vector<bool>& voiced, int min_quiet_frames) : quiet_(voiced.size(), false) {
  size_t f = 0;
  while (f < voiced.size()) {
    if (voiced[f]) {
      ++f;
      continue;
    }
    size_t end = f;
    while (end < voiced.size() && !voiced[end]) ++end;
    if (end - f >= static_cast<size_t>(min_quiet_frames))
      for (size_t g = f; g < end; ++g) quiet_[g] = true;
    f = end;
  }
}

bool QuietGate::quiet(long frame) const {
  return frame >= 0 && static_cast<size_t>(frame) < quiet_.size() && quiet_[static_cast<size_t>(frame)];
}

std::optional<std::pair<long, long>> QuietGate::trim(long first, long last) const {
  while (first <= last && quiet(first)) ++first;
  while (last >= first && quiet(last)) --last;
  if (first > last) return std::nullopt;
  return std::pair{first, last};
}

}  // namespace facecast::speech
