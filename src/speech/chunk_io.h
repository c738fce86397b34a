// A chunk of the input as the decoders take it (16-bit PCM) and their frames,
// counted from the chunk's start, as times on the input's timeline.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "speech/forced_aligner.h"
#include "speech/noise_reduction.h"
#include "speech/timeline_builder.h"
#include "speech/voice_activity.h"

namespace facecast::speech {

// What the decoders hear of an input (16 kHz mono float): its chunks as 16-bit
// PCM, each with the input's steady background noise taken out when it has one
// (noise_reduction.h) and scaled to the decoders' level (pcm16.h). Cleaning
// chunk by chunk keeps memory at one chunk, not a second copy of the input.
class DecoderInput {
 public:
  explicit DecoderInput(std::span<const float> pcm16k);  // measures the background once
  // Chunk c as the decoders take it, in `pcm` (reused).
  std::span<const int16_t> pcm16(const Chunk& c, std::vector<int16_t>& pcm);

 private:
  std::span<const float> audio_;
  std::optional<BackgroundNoise> noise_;
  std::vector<float> cleaned_;  // reused
};

// The time of the boundary before `frame` of chunk c (see kBoundaryOffsetSeconds),
// at most the chunk's end.
double chunk_time(const Chunk& c, int frame);

// words: the list the alignment's word indices refer to.
void add_alignment(const Chunk& c, const Alignment& a, std::span<const WordPronunciations> words,
                   TimelineBuilder& out);

}  // namespace facecast::speech
