// Spreads a long transcript over the utterances of a long input for forced
// alignment. Utterances are aligned in order, each anchored at the first word
// not yet used; the aligner may end the utterance at any word boundary within
// a window sized from the utterance's share of the remaining speech (voiced
// time, so the pauses inside an utterance do not count; words measured in
// phones, so long words count more), and the last utterance takes every
// remaining word. Errors do not accumulate in time (each utterance keeps its
// own audio), but a wrong boundary shifts words into the next utterance.
#pragma once
#include <span>
#include <utility>
#include <vector>

#include "speech/pronunciations.h"
#include "speech/timeline_builder.h"
#include "speech/voice_activity.h"

namespace facecast::speech {

class TranscriptSpread {
 public:
  // voiced: per 10 ms frame of the whole input (FrameActivity::voiced).
  TranscriptSpread(std::span<const WordPronunciations> words, std::span<const Chunk> chunks,
                   const std::vector<bool>& voiced);

  size_t next_word() const { return next_word_; }
  // For chunks first..last aligned as one utterance (called in order): how many
  // of the remaining words it may take.
  std::pair<size_t, size_t> window(size_t first, size_t last) const;
  // The share of words chunks first..last would take at an even speaking rate.
  size_t expected_words(size_t first, size_t last) const;
  void consumed(size_t n_words);

 private:
  size_t words_for_phones(double phones) const;
  double expected_phones(size_t first, size_t last) const;

  std::vector<size_t> phone_counts_;
  std::vector<double> remaining_seconds_;  // voiced, from chunk k to the end
  std::vector<double> chunk_seconds_;      // voiced
  size_t next_word_ = 0;
};

// Last resort when no path fits chunk c: the words share its voiced frames
// evenly by phone count; its pauses stay SIL (the mouth rests in them).
void spread_over_voice(const Chunk& c, const std::vector<bool>& voiced, std::span<const WordPronunciations> words,
                       TimelineBuilder& out);

}  // namespace facecast::speech
