// Internal: mono float samples at any rate in, 16 kHz out, in pieces of any
// size: declipped (declip.h, the same in pieces as whole), resampled (libsoxr, high quality), DC and rumble
// removed (a high-pass at kRumbleCutoffHz). Shared by file decoding, raw
// decoding and the live StreamConverter so every path hears the same signal.
#pragma once
#include <cstddef>
#include <span>
#include <vector>

#include "audio/declip.h"
#include "core/high_pass_filter.h"

struct soxr;

namespace facecast::audio::detail {

// The rumble filter's cutoff (why a rumble filter: README.md).
constexpr double kRumbleCutoffHz = 70;

class MonoResampler {
 public:
  // input_rate in Hz. Throws Error(Internal) if libsoxr cannot be set up.
  explicit MonoResampler(int input_rate);
  ~MonoResampler();
  MonoResampler(const MonoResampler&) = delete;
  MonoResampler& operator=(const MonoResampler&) = delete;

  // Appends the 16 kHz output produced so far for `count` more input samples,
  // declipped first (declip.h). Only `out` grows, and the declipper's buffer
  // up to the largest piece. No exceptions beyond bad_alloc.
  void push(const float* mono, std::size_t count, std::vector<float>& out);
  // Flushes the samples still inside the filter; call once at the end.
  void finish(std::vector<float>& out);
  // Forgets the signal so far, ready for a new one at the same rate.
  void reset();

  // Expected output length for `input_samples`, for reserving.
  std::size_t output_size_for(std::size_t input_samples) const;

 private:
  void feed(std::span<const float> mono, std::vector<float>& out);  // resample, filter
  void drain(const float* mono, std::size_t count, std::vector<float>& out);

  soxr* soxr_ = nullptr;  // null when the input already is 16 kHz (copied as is)
  double ratio_ = 1.0;    // output rate / input rate
  HighPassFilter rumble_{kRumbleCutoffHz};
  StreamDeclipper declipper_;
};

}  // namespace facecast::audio::detail
