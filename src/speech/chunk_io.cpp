#include "speech/chunk_io.h"

#include <algorithm>

#include "speech/pcm16.h"

namespace facecast::speech {

std::span<const int16_t> chunk_pcm16(std::span<const float> all, const Chunk& c, std::vector<int16_t>& pcm) {
  pcm.clear();
  const auto samples = all.subspan(c.begin, c.end - c.begin);
  append_pcm16(samples, decoder_gain(samples), pcm);
  return pcm;
}

double chunk_time(const Chunk& c, int frame) {
  return std::min(static_cast<double>(c.begin) / kSampleRate + frame * kFrameSeconds + kBoundaryOffsetSeconds,
                  static_cast<double>(c.end) / kSampleRate);
}

void add_alignment(const Chunk& c, const Alignment& a, std::span<const WordPronunciations> words,
                   TimelineBuilder& out) {
  for (const auto& p : a.phones) out.add_phone(p.phone, chunk_time(c, p.start_frame), chunk_time(c, p.end_frame + 1));
  for (const auto& w : a.words)
    out.add_word(words[w.index].word, chunk_time(c, w.start_frame), chunk_time(c, w.end_frame + 1));
}

}  // namespace facecast::speech
