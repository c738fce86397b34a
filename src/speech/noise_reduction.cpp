#include "speech/noise_reduction.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <optional>
#include <numbers>

#include "speech/fft.h"

namespace facecast::speech {

namespace {

constexpr int kFrame = 512;  // 32 ms
constexpr int kHop = kFrame / 2;
constexpr int kBins = kFrame / 2 + 1;
constexpr int kFirstSpeechBin = 5;          // 156 Hz: the decoders' filterbank starts at 130 Hz
constexpr double kDigitalSilence = 1e-11;   // mean square, -110 dB: as voice_activity.cpp
constexpr float kNearZero = 1e-6f;          // below one 16-bit step
constexpr float kSmoothing = 0.98f;         // decision-directed weight of the previous frame
constexpr std::size_t kMinRunFrames = 12;   // 190 ms: a pause, not a weak consonant
constexpr double kStrongNoiseSnrDb = 30;    // speech level over the background, in the speech band
constexpr double kCleanSnrDb = 36;
constexpr double kMinGain = 0.2;            // -14 dB at most (0.5 kept half the noise and lost half the gain)

// sqrt of a periodic Hann window: applied before and after, overlapping halves sum to one.
std::vector<float> root_hann() {
  std::vector<float> w(kFrame);
  for (int i = 0; i < kFrame; ++i)
    w[i] = static_cast<float>(std::sqrt(0.5 - 0.5 * std::cos(2 * std::numbers::pi * i / kFrame)));
  return w;
}

// The spectrum of the windowed frame of x starting at `start` (zeros outside x).
void frame_spectrum(std::span<const float> x, long start, const std::vector<float>& window, const Fft& fft,
                    std::vector<std::complex<float>>& spectrum) {
  for (int i = 0; i < kFrame; ++i) {
    const long j = start + i;
    spectrum[i] = {j >= 0 && j < static_cast<long>(x.size()) ? x[j] * window[i] : 0.0f, 0.0f};
  }
  fft.forward(spectrum);
}

}  // namespace

std::optional<BackgroundNoise> measure_background_noise(std::span<const float> pcm16k) {
  const std::size_t n = pcm16k.size();
  if (n < static_cast<std::size_t>(kFrame) * 4) return std::nullopt;
  const std::size_t frames = (n - kFrame) / kHop + 1;  // whole frames only

  // Frame energies. A frame holding digital silence (a synthetic voice's
  // closure, a noise gate) tells nothing about the background: energy 0.
  std::vector<double> energy(frames);
  std::vector<double> live;
  for (std::size_t f = 0; f < frames; ++f) {
    double sum = 0;
    int near_zero = 0;
    for (int i = 0; i < kFrame; ++i) {
      const float x = pcm16k[f * kHop + i];
      sum += static_cast<double>(x) * x;
      near_zero += std::abs(x) < kNearZero;
    }
    energy[f] = near_zero > kFrame / 20 ? 0.0 : sum / kFrame;
    if (energy[f] > kDigitalSilence) live.push_back(energy[f]);
  }
  if (live.size() < 20) return std::nullopt;
  {
    // Pauses of digital silence (synthetic speech, a gated recording): no
    // background to measure, and the quietest frames left are weak consonants.
    std::size_t run = 0;
    for (std::size_t f = 0; f < frames; ++f) {
      run = energy[f] <= kDigitalSilence ? run + 1 : 0;
      if (run >= kMinRunFrames) return std::nullopt;
    }
  }
  std::sort(live.begin(), live.end());
  const double quiet = live[live.size() / 10] * 2;  // within 3 dB of the 10th percentile
  const double level = live[static_cast<std::size_t>(0.98 * static_cast<double>(live.size() - 1))];

  // The background is what fills the pauses: quiet frames in runs of 190 ms
  // or more (the quietest frames of synthetic speech are weak consonants).
  auto is_quiet = [&](std::size_t g) { return energy[g] > kDigitalSilence && energy[g] <= quiet; };
  std::vector<std::size_t> noise_frames;
  for (std::size_t f = 0; f < frames;) {
    if (!is_quiet(f)) {
      ++f;
      continue;
    }
    std::size_t g = f;
    while (g < frames && is_quiet(g)) ++g;
    if (g - f >= kMinRunFrames)
      for (std::size_t h = f; h < g; ++h) noise_frames.push_back(h);
    f = g;
  }
  if (noise_frames.size() < 2 * kMinRunFrames) return std::nullopt;

  const Fft fft(kFrame);
  const auto window = root_hann();
  std::vector<std::complex<float>> spectrum(kFrame);
  std::vector<double> noise(kBins, 0.0);
  for (std::size_t f : noise_frames) {
    frame_spectrum(pcm16k, static_cast<long>(f * kHop), window, fft, spectrum);
    for (int k = 0; k < kBins; ++k) noise[k] += std::norm(spectrum[k]);
  }
  for (double& v : noise) v = std::max(v / static_cast<double>(noise_frames.size()), 1e-12);

  // How loud the background is where the decoders listen (mains hum below
  // 130 Hz does not count), against the speech's level.
  double all = 0, band = 0;
  for (int k = 0; k < kBins; ++k) {
    all += noise[k];
    if (k >= kFirstSpeechBin) band += noise[k];
  }
  double noise_power = 0;
  for (std::size_t f : noise_frames) noise_power += energy[f];
  noise_power = noise_power / static_cast<double>(noise_frames.size()) * band / all;
  const double snr = 10 * std::log10(level / noise_power);
  // Full strength up to kStrongNoiseSnrDb, none from kCleanSnrDb, in between a
  // gentler floor: clean recordings (37-50 dB here) are left exactly as they were.
  const double strength = std::clamp((kCleanSnrDb - snr) / (kCleanSnrDb - kStrongNoiseSnrDb), 0.0, 1.0);
  if (strength <= 0.0) return std::nullopt;
  const float floor = static_cast<float>(1.0 - strength * (1.0 - kMinGain));

  return BackgroundNoise{std::move(noise), floor};
}

void remove_background_noise(std::span<const float> in, const BackgroundNoise& background, std::vector<float>& out) {
  const std::size_t n = in.size();
  if (n < static_cast<std::size_t>(kFrame)) {
    out.assign(in.begin(), in.end());
    return;
  }
  // Frame f starts at (f - 1) hops, zeros outside the input, so every sample
  // lies under two frames (the windows' squares sum to one there).
  const std::size_t frames = (n - 1) / kHop + 2;
  auto start = [](std::size_t f) { return static_cast<long>(f * kHop) - kHop; };
  const Fft fft(kFrame);
  const auto window = root_hann();
  std::vector<std::complex<float>> spectrum(kFrame);
  const std::vector<double>& noise = background.power;
  const float floor = background.min_gain;
  // Overlap-add of the filtered frames; the decision-directed estimate starts
  // afresh with each stretch (a chunk starts with a quarter second of pause).
  out.assign(n, 0.0f);
  std::vector<float> previous_clean_snr(kBins, 0.0f);  // |G X|^2 / noise of the last frame
  for (std::size_t f = 0; f < frames; ++f) {
    frame_spectrum(in, start(f), window, fft, spectrum);
    for (int k = 0; k < kBins; ++k) {
      const float posterior = static_cast<float>(std::norm(spectrum[k]) / noise[k]);
      const float prior = kSmoothing * previous_clean_snr[k] + (1 - kSmoothing) * std::max(posterior - 1.0f, 0.0f);
      const float gain = std::max(prior / (1.0f + prior), floor);
      previous_clean_snr[k] = gain * gain * posterior;
      spectrum[k] *= gain;
      if (k > 0 && k < kFrame / 2) spectrum[kFrame - k] = std::conj(spectrum[k]);
    }
    fft.inverse(spectrum);
    for (int i = 0; i < kFrame; ++i) {
      const long j = start(f) + i;
      if (j >= 0 && j < static_cast<long>(n)) out[j] += spectrum[i].real() * window[i];
    }
  }
}

}  // namespace facecast::speech
