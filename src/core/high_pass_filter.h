// A 4th-order Butterworth high-pass for 16 kHz audio, run in place on pieces
// of any size. Two users: the input stage removes DC offset and rumble at
// 70 Hz (audio/resampler.h), and the live voice detector measures energy in
// the band the decoders hear (speech/phonetic_stream.cpp).
#pragma once
#include <array>
#include <cstddef>

namespace facecast {

class HighPassFilter {
 public:
  static constexpr double kMaxSample = 64;  // 36 dB over full scale: not a recording

  explicit HighPassFilter(double cutoff_hz);
  // No allocation, no exceptions; the output is always finite.
  void process(float* samples, std::size_t count);
  void reset();  // forget the signal so far

 private:
  struct Section {  // one biquad, transposed direct form II
    double b0, b1, b2, a1, a2;
    double z1 = 0, z2 = 0;
  };
  std::array<Section, 2> sections_;
};

}  // namespace facecast
