#include "speech/transcript_spread.h"

#include <algorithm>

namespace facecast::speech {
namespace {
// The window: this many times the expected phones, plus a few, for uneven
// speaking rates. The grammar, and the search's cost per frame, grow with it.
// 1.6 of chunk time -> 1.3 of voiced time: the 5-min flite file aligned in 4.9
// instead of 6.2 s CPU. 1.3 + 12 -> 1.15 + 6 phones once an utterance that
// ends with speech under its final SIL is joined with the next
// (transcript_aligner.cpp): every bench set scored the same (1.1 + 4 too),
// 5-min align -2 % instructions.
constexpr double kWindowFactor = 1.15;
constexpr double kWindowExtra = 6;
}  // namespace

TranscriptSpread::TranscriptSpread(std::span<const WordPronunciations> words, std::span<const Chunk> chunks,
                                   const std::vector<bool>& voiced) {
  for (const auto& w : words) phone_counts_.push_back(w.variants.front().size());
  for (const auto& c : chunks) {
    const int frames = count_frames(voiced, c.begin / kFrameSamples, c.end / kFrameSamples);
    // A chunk always holds some speech (chunks are cut around it); one frame at least.
    chunk_seconds_.push_back(std::max(frames, 1) * kFrameSeconds);
  }
  remaining_seconds_.assign(chunks.size() + 1, 0.0);
  for (size_t k = chunks.size(); k-- > 0;) remaining_seconds_[k] = remaining_seconds_[k + 1] + chunk_seconds_[k];
}

size_t TranscriptSpread::words_for_phones(double phones) const {
  size_t n = 0;
  double sum = 0;
  while (next_word_ + n < phone_counts_.size() && sum < phones) sum += static_cast<double>(phone_counts_[next_word_ + n++]);
  return n;
}

double TranscriptSpread::expected_phones(size_t first, size_t last) const {
  double phones = 0, seconds = 0;
  for (size_t i = next_word_; i < phone_counts_.size(); ++i) phones += static_cast<double>(phone_counts_[i]);
  for (size_t k = first; k <= last; ++k) seconds += chunk_seconds_[k];
  return phones * seconds / std::max(1e-9, remaining_seconds_[first]);
}

size_t TranscriptSpread::expected_words(size_t first, size_t last) const {
  const size_t remaining = phone_counts_.size() - next_word_;
  if (last + 1 >= chunk_seconds_.size()) return remaining;
  return words_for_phones(expected_phones(first, last));
}

std::pair<size_t, size_t> TranscriptSpread::window(size_t first, size_t last) const {
  const size_t remaining = phone_counts_.size() - next_word_;
  if (last + 1 >= chunk_seconds_.size()) return {remaining, remaining};
  return {0, words_for_phones(expected_phones(first, last) * kWindowFactor + kWindowExtra)};
}

void TranscriptSpread::consumed(size_t n_words) {
  next_word_ = std::min(phone_counts_.size(), next_word_ + n_words);
}

}  // namespace facecast::speech
