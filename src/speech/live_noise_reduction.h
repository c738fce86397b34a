// The live stream's background-noise reduction: the offline reduction's
// Wiener filter (wiener_filter.h) applied as the audio arrives, with the
// background measured on the stream's own pauses (the room before the first
// words, the gaps between utterances). The cleaned audio lags the input by
// up to kMaxDelaySamples. Everything is allocated up front: push() is the
// real-time path.
#pragma once
#include <array>
#include <complex>
#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "speech/fft.h"
#include "speech/wiener_filter.h"

namespace facecast::speech {

// What the stream's voice detector made of some samples.
enum class HeardAs { pause, speech, other };  // other: inside an utterance, not speech (an onset, a short gap)

class LiveNoiseReduction {
 public:
  static constexpr std::size_t kMaxDelaySamples = 2 * kNoiseHop;
  // Cleaned audio kept for reading back (the first utterance's level probe
  // reads up to 1.2 s of it).
  static constexpr std::size_t kKeptSamples = 32768;

  LiveNoiseReduction();

  // The stream's next samples, in order, with what the detector heard in them.
  void push(std::span<const float> samples, HeardAs heard);
  // Pushes silence (taken for nothing) until every sample pushed is cleaned:
  // the stream's end.
  void flush();

  // The gain floor to clean with (wiener_filter.h), or nothing: no background
  // worth removing heard so far (no pause measured yet, its level far below
  // the speech, digital silence in the pauses) or no speech heard yet to
  // compare it with.
  std::optional<float> floor() const { return floor_; }

  // Samples pushed, and cleaned so far (counted from the stream's start).
  std::size_t pushed() const { return pushed_; }
  std::size_t cleaned_until() const { return cleaned_base_ + cleaned_.size(); }
  // Cleaned samples [from, to) appended to out; from must not be older than
  // kKeptSamples before cleaned_until(), to not past it.
  void append_cleaned(std::size_t from, std::size_t to, std::vector<float>& out) const;

 private:
  void process_window();
  void measure(HeardAs window_heard);
  void update_floor();

  Fft fft_{kNoiseFrame};
  std::vector<float> window_ = root_hann_window();
  WienerGain wiener_;
  std::vector<std::complex<float>> spectrum_;
  std::array<float, kNoiseFrame> input_{};    // the last window's samples
  std::size_t hop_fill_ = 0;                  // new samples in input_'s second half (its first half: a hop of zeros at the start)
  std::array<HeardAs, 2> hop_heard_{HeardAs::other, HeardAs::other};  // the window's two hops
  std::array<float, kNoiseHop> overlap_{};     // the previous window's filtered second half
  std::vector<float> cleaned_;                 // ring-free: the kept samples, oldest first
  std::size_t cleaned_base_ = 0;
  std::size_t pushed_ = 0;
  long discard_ = kNoiseHop;                   // outputs before the stream's start (the virtual hop)

  // The background: power per bin and mean square of pause windows, once
  // they lie kPendingWindows back without speech since (the pre-roll and a
  // slow onset are not background).
  std::vector<double> noise_power_;
  double noise_energy_ = 0;
  std::size_t noise_windows_ = 0;
  std::vector<std::vector<double>> pending_power_;
  std::vector<double> pending_energy_;
  std::size_t pending_count_ = 0, pending_next_ = 0;
  // The speech: the loudest window energy (the lesser of two windows apart,
  // so one click does not count).
  double speech_level_ = 0;
  std::size_t speech_windows_ = 0;
  double previous_speech_energy_[2] = {0, 0};
  std::optional<float> floor_;
};

}  // namespace facecast::speech
