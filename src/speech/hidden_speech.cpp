#include "speech/hidden_speech.h"

#include <algorithm>
#include <cmath>

#include "speech/voice_activity.h"

namespace facecast::speech {

HiddenSpeech find_hidden_speech(const Alignment& a, const std::vector<bool>& voiced, size_t first_frame) {
  HiddenSpeech h;
  for (const auto& p : a.phones) {
    const int count = count_frames(voiced, first_frame + static_cast<size_t>(p.start_frame),
                                   first_frame + static_cast<size_t>(p.end_frame) + 1);
    if (p.phone == "SIL" || p.extra) {
      h.hidden_frames += count;
      h.longest_frames = std::max(h.longest_frames, count);
      if (&p == &a.phones.back()) h.trailing_frames = count;
    } else {
      h.spoken_frames += count;
    }
  }
  return h;
}

size_t likely_hidden_words(const HiddenSpeech& h, size_t words_used) {
  const double rate = static_cast<double>(words_used) / std::max(1, h.spoken_frames);
  return std::max<size_t>(1, static_cast<size_t>(std::floor(0.5 * rate * h.hidden_frames)));
}

}  // namespace facecast::speech
