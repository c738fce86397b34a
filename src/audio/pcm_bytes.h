// Internal: headerless little-endian PCM bytes to float samples.
#pragma once
#include <cstddef>

#include "audio/decode.h"

namespace facecast::audio::detail {

int bytes_per_sample(PcmEncoding encoding);

// Converts `count` whole samples starting at `bytes` (any alignment). s16 is
// scaled by 1/32768, the same as libsndfile does for 16-bit files.
void pcm_to_float(const std::byte* bytes, std::size_t count, PcmEncoding encoding, float* out);

}  // namespace facecast::audio::detail
