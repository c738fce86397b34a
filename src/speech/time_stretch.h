// Slows speech down without changing its pitch or formants (WSOLA: each
// output frame is the stretch of input, near where it should come from, whose
// waveform best continues the previous one), so that fast speech gives the
// decoder more frames per phone. The en-us model's phones are three-state
// HMMs of at least one 10 ms frame per state: phones shorter than 30 ms cannot
// be aligned as such, and a sentence of them pushed the alignment off its words.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

namespace facecast::speech {

class TimeStretch {
 public:
  // factor >= 1: the output lasts about factor times the input. `out` is
  // replaced; buffers are reused across calls.
  void stretch(std::span<const int16_t> in, double factor, std::vector<int16_t>& out);

  // The input sample that output sample `at` was taken from (interpolated
  // between the frames' centres), for the last stretch().
  double input_position(double at) const;

 private:
  std::vector<float> sum_;
  std::vector<float> weight_;
  std::vector<double> input_centre_;  // per output frame k (centred at k x hop + half a frame)
};

}  // namespace facecast::speech
