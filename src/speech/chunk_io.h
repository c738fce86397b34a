// A chunk of the input as the decoders take it (16-bit PCM) and their frames,
// counted from the chunk's start, as times on the input's timeline.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "speech/forced_aligner.h"
#include "speech/timeline_builder.h"
#include "speech/voice_activity.h"

namespace facecast::speech {

// Chunk c of `all` (16 kHz mono float) as 16-bit PCM in `pcm` (reused).
std::span<const int16_t> chunk_pcm16(std::span<const float> all, const Chunk& c, std::vector<int16_t>& pcm);

// The time of the boundary before `frame` of chunk c (see kBoundaryOffsetSeconds),
// at most the chunk's end.
double chunk_time(const Chunk& c, int frame);

// words: the list the alignment's word indices refer to.
void add_alignment(const Chunk& c, const Alignment& a, std::span<const WordPronunciations> words,
                   TimelineBuilder& out);

}  // namespace facecast::speech
