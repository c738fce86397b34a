// Internal: removes DC offset and rumble (mains hum, handling noise) below
// the speech band from 16 kHz audio, in place and in pieces of any size.
// Why: the voice-activity detector and the loudness that opens the jaw measure
// plain frame energy, so a constant offset from a cheap microphone (0.15 of
// full scale) read as loud sound everywhere and the whole file became pause;
// the decoders themselves never look below 130 Hz.
#pragma once
#include <array>
#include <cstddef>

namespace facecast::audio::detail {

class RumbleFilter {
 public:
  static constexpr double kCutoffHz = 70;    // 4th-order Butterworth high-pass
  static constexpr double kMaxSample = 64;   // 36 dB over full scale: not a recording

  RumbleFilter();
  // No allocation, no exceptions; the output is always finite.
  void process(float* samples, std::size_t count);
  void reset();                                     // forget the signal so far

 private:
  struct Section {  // one biquad, transposed direct form II
    double b0, b1, b2, a1, a2;
    double z1 = 0, z2 = 0;
  };
  std::array<Section, 2> sections_;
};

}  // namespace facecast::audio::detail
