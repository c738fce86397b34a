// Internal: a recording clipped at full scale gets its flattened peaks back,
// approximately: each run of two or more samples stuck at full scale is
// replaced by a cubic through the samples on either side (at least full
// scale, at most 4x). Why: the decoders heard clipped speech (+18 dB) far
// worse than clean (real speech: recognize 85.1 % agreement; 89.1 % declipped,
// bench/conditions.sh).
// Runs that touch the edge of a block are left as they are: the blocks are
// long enough (files: 8192 samples) that few do.
#pragma once
#include <cstddef>

namespace facecast::audio::detail {

constexpr float kClipLevel = 0.999f;  // 16-bit full scale is 0.99997

void declip(float* mono, std::size_t count);  // in place; no allocation

}  // namespace facecast::audio::detail
