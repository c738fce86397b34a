#include "audio/channel_mixer.h"

#include <algorithm>
#include <cmath>

namespace facecast::audio::detail {

ChannelMixer::ChannelMixer(int channels)
    : channels_(static_cast<std::size_t>(channels)),
      sign_(channels_, 1.0f),
      cross_(channels_, 0.0),
      energy_(channels_, 0.0) {}

void ChannelMixer::judge_polarity() {
  for (std::size_t c = 1; c < channels_; ++c) {
    if (energy_[0] > 0 && energy_[c] > 0) {  // a silent channel says nothing
      const double correlation = cross_[c] / std::sqrt(energy_[0] * energy_[c]);
      if (correlation < -kClearCorrelation) sign_[c] = -1.0f;
      else if (correlation > kClearCorrelation) sign_[c] = 1.0f;
    }
  }
  std::fill(cross_.begin(), cross_.end(), 0.0);
  std::fill(energy_.begin(), energy_.end(), 0.0);
  window_frames_ = 0;
}

void ChannelMixer::mix(const float* interleaved, std::size_t frames, float* mono) {
  if (channels_ == 1) {
    std::copy(interleaved, interleaved + frames, mono);
    return;
  }
  const float scale = 1.0f / static_cast<float>(channels_);
  for (std::size_t i = 0; i < frames; ++i) {
    const float* frame = interleaved + i * channels_;
    const double first = frame[0];
    float sum = frame[0];
    energy_[0] += first * first;
    for (std::size_t c = 1; c < channels_; ++c) {
      sum += sign_[c] * frame[c];
      cross_[c] += first * frame[c];
      energy_[c] += static_cast<double>(frame[c]) * frame[c];
    }
    mono[i] = sum * scale;
    if (++window_frames_ == kWindowFrames) judge_polarity();
  }
}

}  // namespace facecast::audio::detail
