#include "animation/emotion_track.h"

#include <algorithm>
#include <cmath>

#include "animation/face_life.h"

namespace facecast::animation {
namespace {

float unit(double x) { return static_cast<float>(std::clamp(x, 0.0, 1.0)); }

}  // namespace

EmotionTrack::EmotionTrack(const FaceSettings& settings) {
  keys_.reserve(64);
  configure(settings);
  change_at_ = -1e9;  // the first inputs hold from the start, nothing to ease from
}

void EmotionTrack::configure(const FaceSettings& settings) {
  const EmotionMode previous = mode_;
  mode_ = settings.emotion_mode;
  constant_ = settings.emotion;
  strength_ = static_cast<float>(settings.emotion_strength);
  cursor_ = 0;
  if (mode_ == EmotionMode::Keys) {
    keys_ = settings.emotion_keys;
  } else if (mode_ == EmotionMode::Auto && previous != EmotionMode::Auto) {
    keys_.assign(1, EmotionKey{last_time_, raw_});  // auto starts from what shows until a phrase ends
  }
  change_from_ = raw_;
  change_at_ = last_time_;
}

void EmotionTrack::tick(double t, const PhraseState& phrase, const ProsodyFrame& prosody) {
  if (mode_ != EmotionMode::Auto) return;
  if (phrase.phrase_started) {
    ticks_ = voiced_ = onsets_ = 0;
    pitch_sum_ = pitch_sq_ = energy_sum_ = 0;
    phrase_open_ = true;
    open_start_ = phrase.phrase_start;
  }
  if (phrase.speaking) {
    open_end_ = t + kFaceTick;
    ++ticks_;
    energy_sum_ += prosody.energy;
    onsets_ += prosody.voice_onsets;
    if (prosody.voiced) {
      ++voiced_;
      pitch_sum_ += prosody.pitch;
      pitch_sq_ += prosody.pitch * prosody.pitch;
    }
  }
  if (phrase.phrase_ended) {
    const EmotionWeights guess = estimate();
    if (keep_estimates_) estimates_.push_back({phrase.phrase_start, phrase.phrase_end, guess});
    phrase_open_ = false;
    // Blend from what shows now to the new estimate (rare: once per phrase).
    keys_.assign({EmotionKey{t, emotion_at(keys_, t, cursor_)}, EmotionKey{t + kLiveBlend, guess}});
    cursor_ = 0;
  }
}

EmotionWeights EmotionTrack::estimate() const {
  EmotionWeights w{};
  // Too little voice to judge: neutral.
  if (voiced_ * kFaceTick < 0.25 || ticks_ * kFaceTick < 0.33) return w;
  const double mean = pitch_sum_ / voiced_;
  const double range = std::sqrt(std::max(0.0, pitch_sq_ / voiced_ - mean * mean));
  const double loud = energy_sum_ / ticks_;
  // Syllable rate: voice onsets (counted per 10 ms hop) per second of phrase.
  const double rate = onsets_ / std::max(1e-3, ticks_ * kFaceTick);
  const double lively = (range - 2.5) / 2.5;  // 0 at neutral, 1 at twice the neutral range
  const double high = mean / 4.0;
  const double fast = (rate - 4.0) / 2.0;
  const double strong = loud / 6.0;
  const double excitement = lively + 0.5 * high + 0.4 * fast + 0.4 * strong;
  at(w, Emotion::Joy) = 0.8f * unit(0.6 * excitement);
  at(w, Emotion::Amazement) = 0.6f * unit(lively - 0.6 + 0.5 * high);
  at(w, Emotion::Sadness) = 0.7f * unit(-0.5 * lively - 0.4 * fast - 0.3 * strong - 0.1);
  at(w, Emotion::Anger) = 0.7f * unit(0.6 * strong - 0.3 * lively + 0.2 * fast - 0.2);
  return w;
}

const EmotionWeights& EmotionTrack::next(double t) {
  EmotionWeights raw = mode_ == EmotionMode::Constant ? constant_ : emotion_at(keys_, t, cursor_);
  if (t - change_at_ < kChangeBlend) {  // a change mid-stream eases in, no pop
    const double x = std::max(0.0, (t - change_at_) / kChangeBlend);
    const float s = static_cast<float>(x * x * (3 - 2 * x));
    for (std::size_t i = 0; i < kEmotionCount; ++i) raw[i] = change_from_[i] + s * (raw[i] - change_from_[i]);
  }
  raw_ = raw;
  last_time_ = t;
  for (std::size_t i = 0; i < kEmotionCount; ++i) current_[i] = raw[i] * strength_;
  return current_;
}

void EmotionTrack::end_of_input() {
  if (mode_ != EmotionMode::Auto || !phrase_open_) return;
  phrase_open_ = false;
  if (keep_estimates_) estimates_.push_back({open_start_, open_end_, estimate()});
}

}  // namespace facecast::animation
