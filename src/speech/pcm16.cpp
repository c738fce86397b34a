#include "speech/pcm16.h"

#include <algorithm>
#include <cmath>

namespace facecast::speech {

void append_pcm16(std::span<const float> samples, float gain, std::vector<int16_t>& out, uint32_t& state) {
  out.reserve(out.size() + samples.size());
  for (float x : samples) {
    state = state * 1664525u + 1013904223u;
    const int dither = static_cast<int>(state >> 30) - 1;  // -1, 0, 1, 2 -> mostly +-1
    const float v = std::isfinite(x) ? x * gain : 0.0f;
    const long scaled = std::lround(std::clamp(v, -1.0f, 1.0f) * 32767.0f) + std::clamp(dither, -1, 1);
    out.push_back(static_cast<int16_t>(std::clamp(scaled, -32768L, 32767L)));
  }
}

float decoder_gain(std::span<const float> samples) {
  float peak = 0.0f;
  for (float x : samples) {
    if (std::isfinite(x)) peak = std::max(peak, std::abs(x));
  }
  if (peak <= 0.0f) return 1.0f;
  return std::min(kMaxDecoderGain, kDecoderPeak / peak);
}

float live_decoder_gain(float speech_peak) {
  if (!(speech_peak > 0.0f) || !std::isfinite(speech_peak)) return kLiveDecoderGain;
  if (speech_peak > kLiveLoudPeak) return kLiveDecoderGain * kLiveLoudPeak / speech_peak;
  return std::clamp(kLiveQuietPeak / speech_peak, kLiveDecoderGain, kMaxDecoderGain);
}

}  // namespace facecast::speech
