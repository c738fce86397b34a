#include "speech/chunk_io.h"

#include <algorithm>

#include "speech/pcm16.h"

namespace facecast::speech {

DecoderInput::DecoderInput(std::span<const float> pcm16k)
    : audio_(pcm16k), noise_(measure_background_noise(pcm16k)) {}

std::span<const int16_t> DecoderInput::pcm16(const Chunk& c, std::vector<int16_t>& pcm) {
  std::span<const float> samples = audio_.subspan(c.begin, c.end - c.begin);
  if (noise_) {
    remove_background_noise(samples, *noise_, cleaned_);
    samples = cleaned_;
  }
  pcm.clear();
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
