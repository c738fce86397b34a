// Align mode over a whole input: the transcript's words are aligned to the
// input's chunks in order. Each utterance (a chunk, or chunks joined) takes the
// next words within a window from TranscriptSpread; an utterance that hides
// speech in a SIL is aligned again with more words (hidden_speech.h) or joined
// with the next chunk; one with no path or that hides most of its speech is
// aligned again without its first few words (not spoken, or lost to an
// earlier utterance); pauses the aligner put over the voice are closed
// (pauses_over_speech.h); when no path fits, the expected words are spread
// evenly over the utterance's voiced frames. Speech faster than the model's
// shortest phones is slowed down for the aligner (time_stretch.h).
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "speech/chunk_io.h"
#include "speech/forced_aligner.h"
#include "speech/timeline_builder.h"
#include "speech/transcript_spread.h"
#include "speech/voice_activity.h"

namespace facecast::speech {

// Alignment chunks are cut at most this long (rather than max_utterance_s):
// the grammar grows with the utterance, and the search's cost per frame with
// the grammar (its history bookkeeping visits every grammar state each frame:
// 13 % of the 5-min file's instructions at 10 s, 5 % for a lone sentence).
// Measured (bench sets, +-20 ms): 10 s: espeak 93.7 %, flite 98.3 %, 5-min
// 97.6 %; 6 s with joins (see kMaxAlignJoinedS): 93.8 / 98.3 / 97.7 %, espeak
// p/b/m precision 96.6 -> 97.3 %; 4 s: 93.3 / 98.3 %, but real files then split
// and agree less with their whole-file alignment (98.5 %).
constexpr double kMaxAlignUtteranceS = 6;
// An utterance whose alignment finds no path, still hides speech, or ends with
// speech under its final SIL is joined with the next chunk, up to this long: a
// short utterance that ended a word early otherwise pushed that word into the
// next, which then found no path, and so on (espeak en+m7 at 5 s: 31.8 %
// +-20 ms without the join, 93.2 % with it).
constexpr double kMaxAlignJoinedS = 15;
// Quiet frames the aligner takes as a pause, not a cut in running speech.
constexpr int kMinPauseFrames = 30;
// Runs of transcript words that an utterance's alignment may leave unspoken
// inside it (a phrase the speaker read otherwise, "3.5 km" said as "far", or
// left out), and how much better the path must then fit the audio per word
// left out (PocketSphinx's scaled acoustic log units). Without them the words
// were forced over speech that was not theirs, or the utterance ended before
// them and every later word of it was lost. Measured (bench, +-20 ms, espeak /
// flite / real / unseen flite): every 8th word written as a 2-5 word phrase
// not said 62.1 / 74.4 / 80.6 / 69.5 -> 70.1 / 91.5 / 88.3 / 88.8 %; a phrase
// not said before every 8th word 52.3 / 67.0 / 78.3 / 64.1 -> 77.3 / 97.8 /
// 96.0 / 89.4 %; whole transcripts unchanged; every 8th word left out of the
// transcript: espeak 87.4 -> 86.9 %. The gain keeps espeak's own words: its
// voice fits the model so poorly that skips costing only 1e-3 per word left
// out 31 spoken words ("payment", "sailed") and lost 2 points on whole
// transcripts; their gains were -3478 .. 529 per word, those of words not
// said mostly 500 .. 3000.
constexpr size_t kMaxSkippedWords = 5;
constexpr double kMinGainPerSkippedWord = 800;
// A single word is not left out (forcing one in costs little, and espeak's
// voice lost spoken ones: "system" for a "thanks" the speaker did not say);
// nor a run followed by fewer aligned words: the transcript's last words may
// be unsaid, which the utterance ending early covers.
constexpr size_t kMinSkippedWords = 2;
constexpr size_t kMinWordsAfterSkip = 2;

// The class's work is in three files: transcript_aligner.cpp (the utterance
// loop, joins, skipped words, the held utterance), transcript_aligner_restart.cpp
// (a sentence the transcript lacks) and transcript_aligner_extra_speech.cpp
// (speech it lacks inside an utterance).
class TranscriptAligner {
 public:
  explicit TranscriptAligner(ForcedAligner& aligner) : aligner_(aligner) {}

  // Speech that takes none of the transcript's words (a lead-in, a sentence
  // the transcript lacks, speech after its end; pcm: chunk's audio): phones
  // for it, from the word recogniser where the analyzer has one. Without
  // this, the extra-speech loop's phones, which agree with true timings less
  // (see align_untranscribed).
  using UntranscribedSpeech = std::function<void(std::span<const int16_t> pcm, const Chunk& chunk, TimelineBuilder& out)>;
  void set_untranscribed_speech(UntranscribedSpeech phones_for) { untranscribed_speech_ = std::move(phones_for); }

  // audio: 16 kHz mono; chunks: cut_into_chunks of it; voiced / loud: per
  // 10 ms frame of it (FrameActivity::voiced / ::loud).
  void align(DecoderInput& audio, const std::vector<Chunk>& all_chunks,
             std::span<const WordPronunciations> words, const std::vector<bool>& voiced,
             const std::vector<bool>& loud, TimelineBuilder& out);

 private:
  // skipped: how many of rest's first words the alignment found unspoken.
  Alignment align_span(const Chunk& span, std::pair<size_t, size_t> window, std::span<const WordPronunciations> rest,
                       const std::vector<bool>& voiced, DecoderInput& audio, size_t& skipped);
  void retry_if_speech_hidden(Alignment& a, const Chunk& c, const std::vector<bool>& voiced,
                              std::span<const WordPronunciations> rest, size_t max_words);
  size_t skip_unspoken_words(Alignment& a, const Chunk& span, const std::vector<bool>& voiced,
                              std::span<const WordPronunciations> rest, std::pair<size_t, size_t> window);

  void give_back_skipped_words(size_t skipped, const std::vector<bool>& voiced);
  bool take_back_words(size_t given, const std::vector<bool>& voiced);
  void finish_held(const std::vector<bool>& voiced, const std::vector<bool>& loud, TimelineBuilder& out);
  void find_extra_speech(const std::vector<bool>& voiced);
  void align_untranscribed(std::span<const int16_t> pcm, const Chunk& chunk, TimelineBuilder& out);
  void add_held_alignment(TimelineBuilder& out);
  // How badly `a` fits pcm, the audio of span (see kMisfitPerFrame): the
  // worst of its parts between pauses, and where that part begins (a sample).
  struct Misfit {
    double per_frame = 0;
    size_t part_begin = 0;
  };
  Misfit misfit(std::span<const int16_t> pcm, const Alignment& a, const Chunk& span, const std::vector<bool>& voiced);
  // Where the words are aligned from again: `at` (a sample); split: the
  // utterance ends there and the rest is judged on its own; else the audio
  // before `at` is speech the transcript lacks.
  struct Restart {
    size_t at = 0;
    bool split = false;
  };
  std::optional<Restart> words_restart(DecoderInput& audio, const std::vector<Chunk>& chunks, size_t first,
                                      const TranscriptSpread& spread, std::span<const WordPronunciations> rest,
                                      const Alignment& a, const Chunk& span, const std::vector<bool>& voiced);
  bool realign_stretch(size_t lo, size_t hi, const std::vector<size_t>& boundaries, bool opens, bool closes,
                       bool outside_only);
  // Word `index` of `from` (a part of words_) has times in the timeline.
  void mark_placed(std::span<const WordPronunciations> from, size_t index);

  // The last aligned utterance, held until the next shows whether it left
  // words behind, then added to the timeline.
  struct Utterance {
    bool active = false;
    Chunk span;
    Alignment alignment;
    std::span<const WordPronunciations> words;  // its alignment's word indices start here
    size_t skipped = 0;                         // its first words, judged unspoken (skip_unspoken_words)
    std::vector<int16_t> pcm;
  };

  ForcedAligner& aligner_;
  std::vector<int16_t> pcm_;  // the utterance being aligned
  Utterance held_;
  std::span<const WordPronunciations> words_;  // the transcript being aligned
  std::vector<bool> placed_;                   // per word of words_
  double fitting_score_sum_ = 0;               // of the utterances that fit so far (words_restart)
  int fitting_utterances_ = 0;
  size_t no_join_at_ = 0;                      // a chunk start no join crosses (a split)
  UntranscribedSpeech untranscribed_speech_;

};

}  // namespace facecast::speech
