// Float samples -> the 16-bit PCM PocketSphinx reads.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

namespace facecast::speech {

// Scales [-1, 1] to int16 with clipping, adding a deterministic +-1 LSB
// dither so digital silence never reaches the log filterbank as exact zeros
// (which would skew cepstral mean normalisation). Appends to out.
// dither_state carries the noise sequence across the chunks of a stream.
constexpr uint32_t kDitherSeed = 0x9e3779b9u;
void append_pcm16(std::span<const float> samples, std::vector<int16_t>& out, uint32_t& dither_state);
inline void append_pcm16(std::span<const float> samples, std::vector<int16_t>& out) {
  uint32_t state = kDitherSeed;  // fixed seed: same input -> same output
  append_pcm16(samples, out, state);
}

}  // namespace facecast::speech
