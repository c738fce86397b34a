// The background-noise filter shared by the offline reduction
// (noise_reduction.h) and the live one (live_noise_reduction.h): 512-sample
// frames at half overlap under a root-Hann window, a Wiener gain per
// frequency from a decision-directed a-priori SNR (which keeps "musical"
// residual noise down), and how deep it may cut for a background of a given
// level.
#pragma once
#include <complex>
#include <optional>
#include <span>
#include <vector>

namespace facecast::speech {

constexpr int kNoiseFrame = 512;  // 32 ms
constexpr int kNoiseHop = kNoiseFrame / 2;
constexpr int kNoiseBins = kNoiseFrame / 2 + 1;

// Mean square below which a window is digital silence (-110 dB: as voice_activity.cpp).
constexpr double kDigitalSilence = 1e-11;

// The mean square of one analysis window, or 0 when more than 5 % of it is
// digital silence (a synthetic voice's closure, a gated microphone): such a
// window tells nothing of the background.
double window_mean_square(std::span<const float> window);

// sqrt of a periodic Hann window: applied before and after, overlapping halves sum to one.
std::vector<float> root_hann_window();

// The gain floor for a background snr_db below the speech's level (speech
// band, see background_in_speech_band): 0.2 (-14 dB) at 30 dB and less, none
// at all (nothing) from 36 dB, gentler in between, so clean recordings are
// left exactly as they were.
std::optional<float> reduction_floor(double snr_db);

// The share of a background's power (per bin) that falls where the decoders
// listen: from 156 Hz up (their filterbank starts at 130 Hz; mains hum does not count).
double background_in_speech_band(std::span<const double> noise_power);

// The Wiener gain of successive frames of one stretch of audio.
class WienerGain {
 public:
  WienerGain() : previous_clean_snr_(kNoiseBins, 0.0f) {}
  // A new stretch: the decision-directed estimate starts afresh.
  void reset();
  // spectrum: the frame's FFT (kNoiseFrame bins), filtered in place with
  // conjugate symmetry kept; noise: the background's power per bin (kNoiseBins).
  void apply(std::vector<std::complex<float>>& spectrum, std::span<const double> noise, float floor);

 private:
  std::vector<float> previous_clean_snr_;  // |G X|^2 / noise of the last frame
};

}  // namespace facecast::speech
