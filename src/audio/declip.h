// Internal: a recording clipped at full scale gets its flattened peaks back,
// approximately: each run of two or more samples stuck at full scale is
// replaced by a cubic through the samples on either side (at least full
// scale, at most 4x). Why: the decoders heard clipped speech (+18 dB) far
// worse than clean (real speech: recognize 85.1 % agreement; 89.1 % declipped,
// bench/conditions.sh).
#pragma once
#include <cstddef>
#include <span>
#include <vector>

namespace facecast::audio::detail {

constexpr float kClipLevel = 0.999f;  // 16-bit full scale is 0.99997

// One block, in place; no allocation. Runs without two samples of context on
// each side within the block are left as they are.
void declip(float* mono, std::size_t count);

// The same for a stream in pieces of any size, with the result of declipping
// it whole: a run still open at a piece's end waits for the next piece (up to
// kMaxHeldSamples; longer runs go on as they are). Live clients send 20 ms
// pieces, and declipping each alone left every run near an edge clipped: 18 %
// of the samples of a clipped clip differed between 20 ms and 256 ms pieces.
class StreamDeclipper {
 public:
  static constexpr std::size_t kMaxHeldSamples = 512;
  static constexpr std::size_t kReservedPieceSamples = 8192;  // the decoders' blocks

  StreamDeclipper();

  // The samples that are final so far, declipped; valid until the next call.
  // Allocates only while its buffer grows to the largest piece.
  std::span<const float> push(std::span<const float> piece);
  std::span<const float> finish();  // the held samples, as they are
  void reset();

 private:
  std::vector<float> work_;      // context, held samples, then the new piece
  std::vector<float> held_;      // not final yet: an open run and what follows it
  std::vector<float> context_;   // the last two final samples (read, never changed)
};

}  // namespace facecast::audio::detail
