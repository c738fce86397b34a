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

void spread_over_voice(const Chunk& c, const std::vector<bool>& voiced, std::span<const WordPronunciations> words,
                       TimelineBuilder& out) {
  size_t total = 0;
  for (const auto& w : words) total += w.variants.front().size();
  if (total == 0) return;
  std::vector<std::pair<size_t, size_t>> runs;  // voiced frames [begin, end)
  const size_t first = c.begin / kFrameSamples, last = std::min(voiced.size(), (c.end + kFrameSamples - 1) / kFrameSamples);
  for (size_t f = first; f < last; ++f) {
    if (!voiced[f]) continue;
    if (!runs.empty() && runs.back().second == f) ++runs.back().second;
    else runs.emplace_back(f, f + 1);
  }
  if (runs.empty()) runs.emplace_back(first, std::max(first + 1, last));
  size_t voiced_frames = 0;
  for (const auto& r : runs) voiced_frames += r.second - r.first;
  // Position along the voiced frames -> (run, seconds). An end that falls
  // on a run boundary stays in its run, a start moves to the next run.
  const auto locate = [&](double v, bool is_end) -> std::pair<size_t, double> {
    for (size_t r = 0; r < runs.size(); ++r) {
      const double len = static_cast<double>(runs[r].second - runs[r].first);
      if (v < len || (is_end && v <= len)) return {r, (static_cast<double>(runs[r].first) + v) * kFrameSeconds};
      v -= len;
    }
    return {runs.size() - 1, static_cast<double>(runs.back().second) * kFrameSeconds};
  };
  const double step = static_cast<double>(voiced_frames) / static_cast<double>(total);
  size_t n = 0;
  for (const auto& w : words) {
    const double word_start = locate(step * static_cast<double>(n), false).second;
    double word_end = word_start;
    for (const auto& p : w.variants.front()) {
      const auto [run, start] = locate(step * static_cast<double>(n), false);
      const auto [end_run, end] = locate(step * static_cast<double>(n + 1), true);
      // A phone that straddles a pause is cut at it; the pause stays SIL.
      word_end = end_run == run ? end : static_cast<double>(runs[run].second) * kFrameSeconds;
      out.add_phone(p, start, word_end);
      ++n;
    }
    out.add_word(w.word, word_start, word_end);
  }
}


}  // namespace facecast::speech
