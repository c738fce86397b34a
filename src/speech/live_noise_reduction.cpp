#include "speech/live_noise_reduction.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace facecast::speech {
namespace {
// A pause window becomes background only once this many windows (256 ms)
// have followed it without speech: the stream's pre-roll (200 ms) and a
// slow onset, which the detector confirms late, are not background.
constexpr std::size_t kPendingWindows = 16;
// Background measured over at least 190 ms before it is taken out, as offline.
constexpr std::size_t kMinNoiseWindows = 12;
// Past ~10 s of pauses the background follows the latest ones (a fan switched on).
constexpr std::size_t kMaxNoiseWindows = 625;
// The speech's level is judged after 0.65 s of it: a soft onset alone made a
// quiet room's background (50 dB down) look close under the speech (a review
// found the floor set after 200 ms, and gone one window later).
constexpr std::size_t kMinSpeechWindows = 40;
// Float input may run over full scale, but a huge finite sample would
// overflow the power spectrum (NaN for the rest of the stream).
constexpr float kMaxSample = 64.0f;
constexpr std::size_t kTrimSamples = 16 * kNoiseHop;  // kept audio is trimmed this much at a time

HeardAs combined(HeardAs a, HeardAs b) { return a == b ? a : HeardAs::other; }
}  // namespace

LiveNoiseReduction::LiveNoiseReduction()
    : spectrum_(kNoiseFrame),
      noise_power_(kNoiseBins, 0.0),
      pending_power_(kPendingWindows, std::vector<double>(kNoiseBins, 0.0)),
      pending_energy_(kPendingWindows, 0.0) {
  cleaned_.reserve(kKeptSamples + kTrimSamples + kNoiseHop);
}

void LiveNoiseReduction::push(std::span<const float> samples, HeardAs heard) {
  if (samples.empty()) return;
  if (heard != HeardAs::pause) pending_count_ = 0;  // what led up to speech is not background
  while (!samples.empty()) {
    const std::size_t take = std::min(samples.size(), static_cast<std::size_t>(kNoiseHop) - hop_fill_);
    hop_heard_[1] = hop_fill_ == 0 ? heard : combined(hop_heard_[1], heard);
    for (std::size_t i = 0; i < take; ++i) {
      const float x = samples[i];
      input_[kNoiseHop + hop_fill_ + i] = std::isfinite(x) ? std::clamp(x, -kMaxSample, kMaxSample) : 0.0f;
    }
    hop_fill_ += take;
    pushed_ += take;
    samples = samples.subspan(take);
    if (hop_fill_ == kNoiseHop) process_window();
  }
}

void LiveNoiseReduction::flush() {
  const std::array<float, kNoiseHop> zeros{};
  const std::size_t target = pushed_;
  while (cleaned_until() < target) push(zeros, HeardAs::other);
}

void LiveNoiseReduction::append_cleaned(std::size_t from, std::size_t to, std::vector<float>& out) const {
  assert(from >= cleaned_base_ && from <= to && to <= cleaned_until());
  out.insert(out.end(), cleaned_.begin() + static_cast<long>(from - cleaned_base_),
             cleaned_.begin() + static_cast<long>(to - cleaned_base_));
}

void LiveNoiseReduction::process_window() {
  for (int i = 0; i < kNoiseFrame; ++i) spectrum_[i] = {input_[i] * window_[i], 0.0f};
  fft_.forward(spectrum_);
  measure(combined(hop_heard_[0], hop_heard_[1]));
  if (floor_) wiener_.apply(spectrum_, noise_power_, *floor_);
  else wiener_.reset();
  fft_.inverse(spectrum_);

  if (cleaned_.size() + kNoiseHop > cleaned_.capacity()) {
    cleaned_.erase(cleaned_.begin(), cleaned_.begin() + static_cast<long>(kTrimSamples));
    cleaned_base_ += kTrimSamples;
  }
  for (int i = 0; i < kNoiseHop; ++i) {
    const float first = overlap_[i] + spectrum_[i].real() * window_[i];
    overlap_[i] = spectrum_[kNoiseHop + i].real() * window_[kNoiseHop + i];
    if (discard_ == 0) cleaned_.push_back(first);
  }
  if (discard_ > 0) discard_ -= kNoiseHop;

  std::copy(input_.begin() + kNoiseHop, input_.end(), input_.begin());
  hop_heard_[0] = hop_heard_[1];
  hop_fill_ = 0;
}

void LiveNoiseReduction::measure(HeardAs window_heard) {
  const double energy = window_mean_square(input_);  // 0: digital silence
  const double two_back = previous_speech_energy_[1];
  previous_speech_energy_[1] = previous_speech_energy_[0];
  previous_speech_energy_[0] = window_heard == HeardAs::speech ? energy : 0.0;

  if (window_heard == HeardAs::speech) {
    ++speech_windows_;
    speech_level_ = std::max(speech_level_, std::min(energy, two_back));
    update_floor();
  }
  // A pause of digital silence (a gated microphone) tells nothing of the background.
  if (window_heard != HeardAs::pause || energy <= kDigitalSilence) return;
  if (pending_count_ == kPendingWindows) {  // the oldest pending window is old enough: background
    const std::size_t oldest = pending_next_;
    noise_windows_ = std::min(noise_windows_ + 1, kMaxNoiseWindows);
    const double weight = 1.0 / static_cast<double>(noise_windows_);
    for (int k = 0; k < kNoiseBins; ++k) noise_power_[k] += (pending_power_[oldest][k] - noise_power_[k]) * weight;
    noise_energy_ += (pending_energy_[oldest] - noise_energy_) * weight;
    update_floor();
  } else {
    ++pending_count_;
  }
  for (int k = 0; k < kNoiseBins; ++k) pending_power_[pending_next_][k] = std::max(std::norm(spectrum_[k]), 1e-12f);
  pending_energy_[pending_next_] = energy;
  pending_next_ = (pending_next_ + 1) % kPendingWindows;
}

void LiveNoiseReduction::update_floor() {
  if (noise_windows_ < kMinNoiseWindows || speech_windows_ < kMinSpeechWindows || !(speech_level_ > 0)) {
    floor_.reset();
    return;
  }
  const double background = noise_energy_ * background_in_speech_band(noise_power_);
  floor_ = background > 0 ? reduction_floor(10 * std::log10(speech_level_ / background)) : std::nullopt;
}

}  // namespace facecast::speech
