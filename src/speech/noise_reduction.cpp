#include "speech/noise_reduction.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <optional>

#include "speech/fft.h"
#include "speech/wiener_filter.h"

namespace facecast::speech {

namespace {

constexpr int kFrame = kNoiseFrame;
constexpr int kHop = kNoiseHop;
constexpr int kBins = kNoiseBins;
constexpr std::size_t kMinRunFrames = 12;   // 190 ms: a pause, not a weak consonant

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
    energy[f] = window_mean_square(pcm16k.subspan(f * kHop, kFrame));
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
  const auto window = root_hann_window();
  std::vector<std::complex<float>> spectrum(kFrame);
  std::vector<double> noise(kBins, 0.0);
  for (std::size_t f : noise_frames) {
    frame_spectrum(pcm16k, static_cast<long>(f * kHop), window, fft, spectrum);
    for (int k = 0; k < kBins; ++k) noise[k] += std::norm(spectrum[k]);
  }
  for (double& v : noise) v = std::max(v / static_cast<double>(noise_frames.size()), 1e-12);

  // How loud the background is where the decoders listen, against the speech's level.
  double noise_power = 0;
  for (std::size_t f : noise_frames) noise_power += energy[f];
  noise_power = noise_power / static_cast<double>(noise_frames.size()) * background_in_speech_band(noise);
  const auto floor = reduction_floor(10 * std::log10(level / noise_power));
  if (!floor) return std::nullopt;

  return BackgroundNoise{std::move(noise), *floor};
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
  const auto window = root_hann_window();
  std::vector<std::complex<float>> spectrum(kFrame);
  const std::vector<double>& noise = background.power;
  const float floor = background.min_gain;
  // Overlap-add of the filtered frames; the decision-directed estimate starts
  // afresh with each stretch (a chunk starts with a quarter second of pause).
  out.assign(n, 0.0f);
  WienerGain wiener;
  for (std::size_t f = 0; f < frames; ++f) {
    frame_spectrum(in, start(f), window, fft, spectrum);
    wiener.apply(spectrum, noise, floor);
    fft.inverse(spectrum);
    for (int i = 0; i < kFrame; ++i) {
      const long j = start(f) + i;
      if (j >= 0 && j < static_cast<long>(n)) out[j] += spectrum[i].real() * window[i];
    }
  }
}

}  // namespace facecast::speech
