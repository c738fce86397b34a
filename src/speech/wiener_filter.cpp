#include "speech/wiener_filter.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace facecast::speech {
namespace {
constexpr int kFirstSpeechBin = 5;  // 156 Hz: the decoders' filterbank starts at 130 Hz
constexpr float kSmoothing = 0.98f;  // decision-directed weight of the previous frame
constexpr double kStrongNoiseSnrDb = 30;
constexpr double kCleanSnrDb = 36;
constexpr double kMinGain = 0.2;  // -14 dB at most (0.5 kept half the noise and lost half the gain)
constexpr float kNearZero = 1e-6f;  // below one 16-bit step
}  // namespace

double window_mean_square(std::span<const float> window) {
  double sum = 0;
  std::size_t near_zero = 0;
  for (float x : window) {
    sum += static_cast<double>(x) * x;
    near_zero += std::abs(x) < kNearZero;
  }
  if (window.empty() || near_zero > window.size() / 20) return 0.0;
  return sum / static_cast<double>(window.size());
}

std::vector<float> root_hann_window() {
  std::vector<float> w(kNoiseFrame);
  for (int i = 0; i < kNoiseFrame; ++i)
    w[i] = static_cast<float>(std::sqrt(0.5 - 0.5 * std::cos(2 * std::numbers::pi * i / kNoiseFrame)));
  return w;
}

std::optional<float> reduction_floor(double snr_db) {
  const double strength = std::clamp((kCleanSnrDb - snr_db) / (kCleanSnrDb - kStrongNoiseSnrDb), 0.0, 1.0);
  if (!(strength > 0.0)) return std::nullopt;
  return static_cast<float>(1.0 - strength * (1.0 - kMinGain));
}

double background_in_speech_band(std::span<const double> noise_power) {
  double all = 0, band = 0;
  for (size_t k = 0; k < noise_power.size(); ++k) {
    all += noise_power[k];
    if (k >= kFirstSpeechBin) band += noise_power[k];
  }
  return all > 0 ? band / all : 0.0;
}

void WienerGain::reset() { std::fill(previous_clean_snr_.begin(), previous_clean_snr_.end(), 0.0f); }

void WienerGain::apply(std::vector<std::complex<float>>& spectrum, std::span<const double> noise, float floor) {
  for (int k = 0; k < kNoiseBins; ++k) {
    const float posterior = static_cast<float>(std::norm(spectrum[k]) / noise[k]);
    const float prior = kSmoothing * previous_clean_snr_[k] + (1 - kSmoothing) * std::max(posterior - 1.0f, 0.0f);
    const float gain = std::max(floor, prior / (1.0f + prior));  // floor first: NaN gives the floor
    previous_clean_snr_[k] = gain * gain * posterior;
    spectrum[k] *= gain;
    if (k > 0 && k < kNoiseFrame / 2) spectrum[kNoiseFrame - k] = std::conj(spectrum[k]);
  }
}

}  // namespace facecast::speech
