// Float samples -> the 16-bit PCM PocketSphinx reads.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

namespace facecast::speech {

// Scales [-1, 1] to int16 with clipping, adding a deterministic +-1 LSB
// dither so digital silence never reaches the log filterbank as exact zeros
// (which would skew cepstral mean normalisation). Appends to out.
void append_pcm16(std::span<const float> samples, std::vector<int16_t>& out);

}  // namespace facecast::speech
