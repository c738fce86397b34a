// Forced alignment through PocketSphinx's public API: every phone is a
// dictionary word ("ph_AA"), and a finite-state grammar chains the phones of
// the transcript words (every pronunciation variant as a parallel path) with
// an optional, repeatable SIL at each word boundary. Decoding one utterance
// with that grammar yields the phone timings; the word timings follow from
// which path was taken. Optionally, a loop of any phones at each boundary takes
// speech the transcript lacks (set_extra_speech_at).
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "speech/pronunciations.h"
#include "speech/sphinx_decoder.h"
#include "speech/time_stretch.h"

namespace facecast::speech {

struct AlignedPhone {
  std::string phone;  // ARPAbet or "SIL"
  int start_frame = 0;
  int end_frame = 0;  // inclusive
  bool extra = false;  // from the extra-speech loop: no transcript word
  int32_t acoustic_score = 0;  // DecodedSegment::acoustic_score
};

struct AlignedWord {
  size_t index = 0;  // into the words passed to align()
  int start_frame = 0;
  int end_frame = 0;  // inclusive
};

struct Alignment {
  bool ok = false;            // false: the grammar found no path
  size_t words_used = 0;      // words [0, words_used) were aligned, or left unspoken (set_word_skips)
  std::vector<AlignedPhone> phones;
  std::vector<AlignedWord> words;
  int64_t acoustic_score = 0;  // of the whole path, SIL included (DecodedSegment::acoustic_score)
};

// Where ForcedAligner offers its extra-speech loop.
struct ExtraSpeech {
  std::vector<size_t> at;  // word boundaries, indices as for no_pause_before
  // Boundary 0 is the whole transcript's start, or words.size() its end:
  // speech there (a lead-in, a closing remark) has no transcript word to
  // lose to the loop, only the pause, so the loop's phones cost less there.
  bool transcript_starts = false;
  bool transcript_ends = false;
};

class ForcedAligner {
 public:
  // decoder: a SearchKind::Align decoder; phone words are added to it once.
  explicit ForcedAligner(SphinxDecoder& decoder);

  // Aligns words[0, k) to the utterance for the k in [min_words, max_words]
  // that fits best (min = max = words.size() forces the whole list).
  // no_pause_before: word indices before which no SIL may be inserted (0 is
  // the leading SIL, words.size() the trailing one).
  Alignment align(std::span<const int16_t> pcm, std::span<const WordPronunciations> words, size_t min_words,
                  size_t max_words, std::span<const size_t> no_pause_before = {});

  // Audio is slowed down by `factor` (>= 1) before decoding, and the frames
  // found are mapped back to the audio given: for speech too fast for the
  // model's minimum phone length (time_stretch.h). 1 turns it off.
  void set_time_stretch(double factor) { stretch_factor_ = factor; }
  double time_stretch() const { return stretch_factor_; }

  // Speech the transcript does not hold ("um", a word left out of it, a
  // repeated phrase): at the given word boundaries (indices as for
  // no_pause_before) the grammar also offers a loop of any phones at a high
  // cost, which the path takes only where the transcript's phones fit far
  // worse. Without it the aligner stretches the neighbouring phones over such
  // speech or leaves it in SIL. Each loop keeps 39 more phone models active
  // all through the utterance, hence only where the caller suspects such speech; and
  // none while an utterance still chooses how many words it takes: the loop
  // would rather stand in for the next words than leave their speech in SIL
  // (hidden_speech.h). Empty `at` (the default) turns it off.
  void set_extra_speech(ExtraSpeech where) { extra_speech_ = std::move(where); }

  // Runs of `shortest` to `longest` transcript words may go unspoken at any
  // word boundary inside the list (not before the first: see
  // TranscriptAligner's skip_unspoken_words), at a cost per word; they get no
  // AlignedWord. longest 0 (the default) turns it off.
  void set_word_skips(size_t shortest, size_t longest) { skips_ = {shortest, longest}; }

 private:
  // The frame of the audio given whose boundary matches the decoded frame's.
  int input_frame(int decoded_frame) const;

  SphinxDecoder& decoder_;
  double stretch_factor_ = 1.0;
  ExtraSpeech extra_speech_;
  std::pair<size_t, size_t> skips_{1, 0};  // set_word_skips
  TimeStretch stretch_;
  std::vector<int16_t> stretched_;
  bool use_first_name_ = true;  // alternate grammar names: never replace the active search
};

}  // namespace facecast::speech
