#include "animation/phrasing.h"

#include <algorithm>

namespace facecast::animation {

const PhraseState& Phrasing::update(double t, float speech, const ProsodyFrame& prosody) {
  state_.phrase_started = false;
  state_.phrase_ended = false;
  state_.question = false;
  const bool sounding = speech > 0.5f;
  if (sounding) {
    if (!in_phrase_) {
      in_phrase_ = true;
      state_.phrase_started = true;
      state_.phrase_start = t;
      voiced_count_ = 0;
    }
    last_speech_ = t;
    if (prosody.voiced) {
      voiced_[voiced_next_] = {t, prosody.pitch};
      voiced_next_ = (voiced_next_ + 1) % static_cast<int>(voiced_.size());
      voiced_count_ = std::min(voiced_count_ + 1, static_cast<int>(voiced_.size()));
    }
  } else if (in_phrase_ && t - last_speech_ >= kPhrasePause) {
    in_phrase_ = false;
    state_.phrase_ended = true;
    state_.phrase_end = last_speech_;
    state_.question = rose_at_end();
  }
  state_.speaking = in_phrase_;
  return state_;
}

// Least-squares slope of the pitch over the last kRiseWindow of voicing.
bool Phrasing::rose_at_end() const {
  if (voiced_count_ < 4) return false;
  const int n_ring = static_cast<int>(voiced_.size());
  const int newest = (voiced_next_ + n_ring - 1) % n_ring;
  const double end_time = voiced_[newest][0];
  double st = 0, sp = 0, stt = 0, stp = 0;
  int n = 0;
  for (int k = 0; k < voiced_count_; ++k) {
    const auto& [time, pitch] = voiced_[(newest - k + n_ring) % n_ring];
    if (end_time - time > kRiseWindow) break;
    st += time;
    sp += pitch;
    stt += time * time;
    stp += time * pitch;
    ++n;
  }
  if (n < 4) return false;
  const double denom = n * stt - st * st;
  if (denom <= 1e-12) return false;
  const double slope = (n * stp - st * sp) / denom;
  return slope >= kQuestionSlope && voiced_[newest][1] >= kQuestionHeight;
}

}  // namespace facecast::animation
