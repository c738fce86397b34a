// TranscriptAligner: the utterance loop (chunks joined, words skipped and given
// back, the held utterance); see the header for its other two files.
#include "speech/transcript_aligner.h"

#include <algorithm>
#include <limits>
#include <optional>

#include "speech/alignment_splice.h"
#include "speech/chunk_io.h"
#include "speech/hidden_speech.h"
#include "speech/pauses_over_speech.h"
#include "speech/transcript_spread.h"

namespace facecast::speech {
namespace {

// 300 ms of speech under one SIL: longer than the voice detector's hangover
// (50 ms) or a breath's voiced part adds; two or three words of fast speech.
// 500 ms let espeak en-us at 230 wpm hide "lack of sleep" (470 ms) at an
// utterance's end (held-out sentences: 57.8 % +-20 ms before the rescue below).
constexpr int kSuspectHiddenFrames = 30;
// Speech under the final SIL that suggests the utterance ended early: 120 ms
// (the detector's hangover adds 50 ms after the last word; at 200 ms the same
// voice left "payment", 180 ms, under the final SIL).
constexpr int kSuspectTrailingFrames = 12;
// Words of the transcript that the speaker may have left out (or an earlier
// utterance swallowed) before an utterance: a short sentence.
constexpr size_t kMaxUnspokenWords = 12;
// Skipped words offered back to the utterance before: a word or two lost at a
// boundary, not a sentence left out.
constexpr size_t kMaxWordsGivenBack = 3;

// A word before a pause lengthens (phrase-final lengthening: the shortest of
// the 246 words before a pause of 0.3 s or more in the bench's alignments lasts
// 150 ms, at 300 wpm too). One squeezed under this at an utterance's end,
// before a pause, is a word of the next utterance that the vowel tail took
// (espeak en-us: "door" took the next sentence's "a", 40-90 ms, 2.5 s early).
constexpr int kMinLastWordFrames = 10;
constexpr double kBadJoinHiddenShare = 1.0 / 3;  // see hides_much_more
constexpr double kMaxHiddenShareGrowth = 2;

// Phones per second of voiced audio above which speech is slowed down for the
// aligner (time_stretch.h), to this rate. Ordinary speech runs at 8-15
// (espeak and flite at 140-210 wpm, the real recordings 9-12). espeak en-us
// at 270 wpm (19.1 phones/s) lost its alignment after one sentence (63.4 %
// +-20 ms); slowed down to 18 it still did, to 17 and 16 it aligned (96.1,
// 95.6 %). Slowing costs about half a point where it was not needed
// (250 wpm: 96.4 -> 95.7 %), so ordinary speech is left as it is.
constexpr double kMaxPhonesPerSecond = 16;
constexpr double kMaxTimeStretch = 2;

// The extra-speech loop's phones before an utterance's first word or after its
// last (a lead-in or a closing sentence the transcript lacks, in the same
// utterance as transcript words) go to the word recogniser when they last this
// long: a word or more, enough context for it.
constexpr int kMinRecognizedEdgeFrames = 50;

double time_stretch_for(std::span<const WordPronunciations> words, const std::vector<Chunk>& chunks,
                        const std::vector<bool>& voiced) {
  size_t phones = 0;
  for (const auto& w : words) phones += w.variants.front().size();
  int voiced_frames = 0;
  for (const auto& c : chunks) voiced_frames += count_frames(voiced, c.begin / kFrameSamples, c.end / kFrameSamples);
  const double rate = static_cast<double>(phones) / (std::max(voiced_frames, 1) * kFrameSeconds);
  return std::clamp(rate / kMaxPhonesPerSecond, 1.0, kMaxTimeStretch);
}

struct TimeStretchScope {
  TimeStretchScope(ForcedAligner& aligner, double factor) : aligner(aligner), before(aligner.time_stretch()) {
    aligner.set_time_stretch(factor);
  }
  ~TimeStretchScope() { aligner.set_time_stretch(before); }
  TimeStretchScope(const TimeStretchScope&) = delete;
  TimeStretchScope& operator=(const TimeStretchScope&) = delete;
  ForcedAligner& aligner;
  double before;
};

bool needs_more_audio(const Alignment& a, const Chunk& span, const std::vector<bool>& voiced) {
  if (!a.ok) return true;
  const HiddenSpeech h = find_hidden_speech(a, voiced, span.begin / kFrameSamples);
  return h.longest_frames >= kSuspectHiddenFrames || h.trailing_frames >= kSuspectTrailingFrames;
}

// The voice detector hears a pause of kMinPauseFrames after the span's speech.
bool ends_at_pause(const Chunk& span, const std::vector<bool>& voiced) {
  const size_t first = span.begin / kFrameSamples;
  size_t f = std::min(voiced.size(), span.end / kFrameSamples);
  while (f > first && !voiced[f - 1]) --f;
  size_t quiet = 0;
  while (f + quiet < voiced.size() && !voiced[f + quiet]) ++quiet;
  return quiet >= static_cast<size_t>(kMinPauseFrames);
}

// Leaves a squeezed last word (see kMinLastWordFrames) to the next utterance:
// its frames become SIL and it no longer counts as used.
void leave_squeezed_last_word(Alignment& a) {
  if (!a.ok || a.words_used < 2 || a.words.empty() || a.words.back().index + 1 != a.words_used) return;
  const AlignedWord& last = a.words.back();
  if (last.end_frame - last.start_frame + 1 >= kMinLastWordFrames) return;
  for (auto& p : a.phones)
    if (p.start_frame >= last.start_frame) p.phone = "SIL";
  a.words.pop_back();
  --a.words_used;
}

// A join that put far more of its speech under SIL than the utterance alone
// (over a third, and twice its share): the next chunk's audio does not hold the
// next words (a sentence the transcript has and the speaker left out there);
// joining went on into a worse fit, and skipping then dropped the utterance's
// own words (espeak en-us, 230 wpm: 15 % alone, 50 % joined; 12 words lost to
// a left-out sentence).
bool hides_much_more(const Alignment& joined_alignment, const Alignment& alone, const Chunk& joined,
                     const Chunk& span, const std::vector<bool>& voiced) {
  const auto share = [&](const Alignment& a, const Chunk& c) {
    const HiddenSpeech h = find_hidden_speech(a, voiced, c.begin / kFrameSamples);
    return static_cast<double>(h.hidden_frames) / std::max(1, h.hidden_frames + h.spoken_frames);
  };
  const double joined_share = share(joined_alignment, joined);
  return joined_share > kBadJoinHiddenShare && joined_share > kMaxHiddenShareGrowth * share(alone, span);
}

bool can_join(const std::vector<Chunk>& chunks, size_t first, size_t next) {
  return next < chunks.size() &&
         static_cast<double>(chunks[next].end - chunks[first].begin) / kSampleRate <= kMaxAlignJoinedS &&
         static_cast<double>(chunks[next].begin - chunks[next - 1].end) / kSampleRate <= kMaxInnerPauseS;
}

}  // namespace

void TranscriptAligner::align(DecoderInput& audio, const std::vector<Chunk>& all_chunks,
                              std::span<const WordPronunciations> words, const std::vector<bool>& voiced,
                              const std::vector<bool>& loud, TimelineBuilder& out) {
  std::vector<Chunk> chunks = all_chunks;  // less what the transcript lacks (words_restart)
  TranscriptSpread spread(words, chunks, voiced);
  words_ = words;
  placed_.assign(words.size(), false);
  // A scope, so that the aligner is left as found on every way out.
  const TimeStretchScope slow_down(aligner_, time_stretch_for(words, chunks, voiced));
  held_.active = false;
  fitting_score_sum_ = 0;
  fitting_utterances_ = 0;
  no_join_at_ = std::numeric_limits<size_t>::max();
  // Each restart moves forward in the audio; the cap bounds the work anyway.
  const size_t max_restarts = 2 * all_chunks.size() + 4;
  size_t restarts = 0;
  size_t k = 0;
  while (k < chunks.size()) {
    const auto rest = words.subspan(spread.next_word());
    if (rest.empty()) break;
    // Chunks first..last aligned as one utterance: chunk `first` alone, then,
    // while its alignment finds no path, hides speech in a SIL or ends with
    // speech under its final SIL, with the next chunk joined (see
    // kMaxAlignJoinedS). A join that finds no path falls back to the last
    // span that had one.
    const size_t first = k;
    size_t last = k;
    Chunk span = chunks[k];
    size_t skipped = 0;
    Alignment a = align_span(span, spread.window(first, last), rest, voiced, audio, skipped);
    while (needs_more_audio(a, span, voiced) && can_join(chunks, first, last + 1) &&
           chunks[last + 1].begin != no_join_at_) {
      Chunk joined{span.begin, chunks[last + 1].end};
      size_t joined_skipped = 0;
      Alignment b = align_span(joined, spread.window(first, last + 1), rest, voiced, audio, joined_skipped);
      if (a.ok && (!b.ok || hides_much_more(b, a, joined, span, voiced))) {
        audio.pcm16(span, pcm_);  // the utterance kept is a's
        break;
      }
      a = std::move(b);
      skipped = joined_skipped;
      span = joined;
      ++last;
    }
    k = last + 1;
    if (a.ok) {
      // The speech may hold a sentence the transcript lacks, here: its words
      // fit this utterance badly (words_restart). That speech is left to the
      // extra-speech loop, and the words are aligned from where they fit.
      const auto restart = restarts < max_restarts
                               ? words_restart(audio, chunks, first, spread, rest, a, span, voiced)
                               : std::nullopt;
      if (restart && restart->split) {  // the utterance ends where its words stop fitting
        ++restarts;
        size_t c = first;
        while (chunks[c].end <= restart->at) ++c;
        if (chunks[c].begin < restart->at) {
          chunks.insert(chunks.begin() + static_cast<long>(c) + 1, Chunk{restart->at, chunks[c].end});
          chunks[c].end = restart->at;
        }
        no_join_at_ = restart->at;
        const size_t used = spread.next_word();
        spread = TranscriptSpread(words, chunks, voiced);
        spread.consumed(used);
        k = first;
        continue;
      }
      if (restart) {
        ++restarts;
        finish_held(voiced, loud, out);
        size_t c = first;
        for (; chunks[c].end <= restart->at; ++c) align_untranscribed(audio.pcm16(chunks[c], pcm_), chunks[c], out);
        if (chunks[c].begin < restart->at) {
          const Chunk lacking{chunks[c].begin, restart->at};
          align_untranscribed(audio.pcm16(lacking, pcm_), lacking, out);
          chunks[c].begin = restart->at;
        }
        chunks.erase(chunks.begin() + static_cast<long>(first), chunks.begin() + static_cast<long>(c));
        const size_t used = spread.next_word();
        spread = TranscriptSpread(words, chunks, voiced);
        spread.consumed(used);
        k = first;
        continue;
      }
    }
    if (!a.ok) {
      finish_held(voiced, loud, out);
      const size_t n = std::min(spread.expected_words(first, last), rest.size());
      spread_over_voice(span, voiced, rest.first(n), out);
      for (size_t i = 0; i < n; ++i) mark_placed(rest, i);
      spread.consumed(n);
      continue;
    }
    if (k < chunks.size() && ends_at_pause(span, voiced)) leave_squeezed_last_word(a);  // another utterance follows
    spread.consumed(a.words_used);
    if (held_.active && skipped > 0) give_back_skipped_words(skipped, voiced);
    finish_held(voiced, loud, out);
    held_.active = true;
    held_.span = span;
    held_.alignment = std::move(a);
    held_.words = rest;
    held_.skipped = skipped;
    held_.pcm.swap(pcm_);  // pcm_ takes the finished utterance's buffer
  }
  finish_held(voiced, loud, out);
  for (size_t i = 0; i < words.size(); ++i)
    if (!placed_[i]) out.add_unaligned_word(words[i].word, i);
  if (!words.empty() && placed_.back())
    // Chunks after the one that took the last word: a closing sentence the
    // transcript lacks (without this the mouth stayed still while the speaker went on).
    for (; k < chunks.size(); ++k) align_untranscribed(audio.pcm16(chunks[k], pcm_), chunks[k], out);
}

// An utterance with none of the transcript's words (pcm: its audio) is speech
// the transcript lacks, a lead-in or a sentence left out. Left in SIL, the
// mouth stood still through a whole sentence. The word recogniser's phones
// (set_untranscribed_speech) agree with true timings more than the
// extra-speech loop's (a first sentence left out, +-20 ms: flite 95.0 ->
// 97.5 %, espeak 89.1 -> 91.4 %); without it, the loop's, free with no word
// to compete.
void TranscriptAligner::align_untranscribed(std::span<const int16_t> pcm, const Chunk& chunk, TimelineBuilder& out) {
  if (untranscribed_speech_) {
    const double stretch = aligner_.time_stretch();  // the recogniser's words are aligned at the input's pace
    aligner_.set_time_stretch(1.0);
    untranscribed_speech_(pcm, chunk, out);
    aligner_.set_time_stretch(stretch);
    return;
  }
  aligner_.set_extra_speech({{0}, true, true});
  const Alignment a = aligner_.align(pcm, {}, 0, 0);
  aligner_.set_extra_speech({});
  if (a.ok && std::any_of(a.phones.begin(), a.phones.end(), [](const AlignedPhone& p) { return p.extra; }))
    add_alignment(chunk, a, {}, out);
}

void TranscriptAligner::mark_placed(std::span<const WordPronunciations> from, size_t index) {
  const auto at = static_cast<size_t>(from.data() - words_.data()) + index;
  if (at < placed_.size()) placed_[at] = true;
}

void TranscriptAligner::finish_held(const std::vector<bool>& voiced, const std::vector<bool>& loud,
                                    TimelineBuilder& out) {
  if (!held_.active) return;
  held_.active = false;
  if (held_.alignment.ok && held_.alignment.words.empty()) {
    align_untranscribed(held_.pcm, held_.span, out);
    return;
  }
  find_extra_speech(voiced);
  close_pauses_over_speech(aligner_, held_.pcm, held_.words, loud, held_.span.begin / kFrameSamples, held_.alignment);
  add_held_alignment(out);
  for (const auto& w : held_.alignment.words) mark_placed(held_.words, w.index);
}

// The held utterance's phones and words; speech the extra-speech loop took
// before its first word or after its last goes to align_untranscribed when it
// lasts kMinRecognizedEdgeFrames (the words are the transcript's either way).
void TranscriptAligner::add_held_alignment(TimelineBuilder& out) {
  const auto& phones = held_.alignment.phones;
  const auto transcribed = [](const AlignedPhone& p) { return !p.extra && normalize_phone(p.phone) != "SIL"; };
  const auto first = std::find_if(phones.begin(), phones.end(), transcribed);
  const auto last = std::find_if(phones.rbegin(), phones.rend(), transcribed);
  if (!untranscribed_speech_ || first == phones.end() || held_.pcm.size() != held_.span.end - held_.span.begin) {
    add_alignment(held_.span, held_.alignment, held_.words, out);
    return;
  }
  const auto loop_frames = [](auto from, auto to) {
    int frames = 0;
    for (auto p = from; p != to; ++p)
      if (p->extra) frames += p->end_frame - p->start_frame + 1;
    return frames;
  };
  const int from_frame = loop_frames(phones.begin(), first) >= kMinRecognizedEdgeFrames ? first->start_frame : 0;
  const int to_frame = loop_frames(phones.rbegin(), last) >= kMinRecognizedEdgeFrames ? last->end_frame + 1 : -1;
  const auto sub_chunk = [this](int from, int to) {
    return Chunk{held_.span.begin + static_cast<size_t>(from) * kFrameSamples,
                 to < 0 ? held_.span.end : std::min(held_.span.end, held_.span.begin + static_cast<size_t>(to) * kFrameSamples)};
  };
  const auto pcm_of = [this](const Chunk& c) {
    return std::span<const int16_t>(held_.pcm).subspan(c.begin - held_.span.begin, c.end - c.begin);
  };
  if (from_frame > 0) {
    const Chunk lead = sub_chunk(0, from_frame);
    align_untranscribed(pcm_of(lead), lead, out);
  }
  for (const auto& p : phones)
    if (p.start_frame >= from_frame && (to_frame < 0 || p.end_frame < to_frame))
      out.add_phone(p.phone, chunk_time(held_.span, p.start_frame), chunk_time(held_.span, p.end_frame + 1));
  for (const auto& w : held_.alignment.words)
    out.add_word(held_.words[w.index].word, chunk_time(held_.span, w.start_frame), chunk_time(held_.span, w.end_frame + 1));
  if (to_frame >= 0) {
    const Chunk tail = sub_chunk(to_frame, -1);
    align_untranscribed(pcm_of(tail), tail, out);
  }
}

// The words the next utterance skipped at its start may be this one's last,
// which it covered with fewer words (espeak at 230 wpm: "in the" over "in the
// evening", and "evening" then had no audio left). They go back to it when it
// aligns with them, hides hardly more speech under SIL, and gives their
// phones at least half its others' length (unspoken words forced in get squeezed).
void TranscriptAligner::give_back_skipped_words(size_t skipped, const std::vector<bool>& voiced) {
  // The first few skipped words, most first: the next utterance may have
  // skipped this one's last word together with a left-out sentence after it.
  for (size_t given = std::min(skipped, kMaxWordsGivenBack); given > 0; --given)
    if (take_back_words(given, voiced)) return;
}

bool TranscriptAligner::take_back_words(size_t given, const std::vector<bool>& voiced) {
  Alignment& before = held_.alignment;
  const size_t n = before.words_used + given;
  if (n > held_.words.size()) return false;
  // Not past words it left unspoken inside (kMaxSkippedWords): aligned
  // again as one list, they would be forced back in.
  if (!before.words.empty() && !words_in_a_row(before, 0, before.words.size() - 1)) return false;
  // Without the words this utterance itself found unspoken at its start.
  const size_t own_skip = held_.skipped;
  Alignment with = aligner_.align(held_.pcm, held_.words.subspan(own_skip), n - own_skip, n - own_skip);
  if (!with.ok || with.words_used != n - own_skip) return false;
  for (auto& w : with.words) w.index += own_skip;
  with.words_used += own_skip;
  const size_t first_frame = held_.span.begin / kFrameSamples;
  if (find_hidden_speech(with, voiced, first_frame).hidden_frames >
      find_hidden_speech(before, voiced, first_frame).hidden_frames + kSuspectTrailingFrames)
    return false;
  double own_frames = 0, own_phones = 0, given_frames = 0, given_phones = 0;
  for (const AlignedWord& w : with.words) {
    const double frames = w.end_frame - w.start_frame + 1;
    const double phones = static_cast<double>(held_.words[w.index].variants.front().size());
    (w.index < before.words_used ? own_frames : given_frames) += frames;
    (w.index < before.words_used ? own_phones : given_phones) += phones;
  }
  if (given_phones == 0 || own_phones == 0) return false;
  if (given_frames / given_phones < 0.5 * own_frames / own_phones) return false;
  before = std::move(with);
  return true;
}

Alignment TranscriptAligner::align_span(const Chunk& span, std::pair<size_t, size_t> window,
                                        std::span<const WordPronunciations> rest, const std::vector<bool>& voiced,
                                        DecoderInput& audio, size_t& skipped) {
  const auto [min_words, max_words] = window;
  // First with words left unspoken allowed; kept when that left some out and
  // fits the audio far better than the path that says them all.
  aligner_.set_word_skips(kMinSkippedWords, kMaxSkippedWords);
  Alignment a = aligner_.align(audio.pcm16(span, pcm_), rest, min_words, max_words);
  aligner_.set_word_skips(1, 0);
  size_t left_out = 0;
  bool well_followed = true;  // every run left out has kMinWordsAfterSkip aligned words after it
  for (size_t i = 0; a.ok && i < a.words.size(); ++i) {
    const size_t expected = i == 0 ? 0 : a.words[i - 1].index + 1;
    if (a.words[i].index == expected) continue;
    left_out += a.words[i].index - expected;
    well_followed = well_followed && a.words.size() - i >= kMinWordsAfterSkip;
  }
  if (left_out > 0) {
    Alignment all_said = aligner_.align(pcm_, rest, min_words, max_words);
    const double gain = static_cast<double>(a.acoustic_score - all_said.acoustic_score);
    if (!well_followed || (all_said.ok && gain < kMinGainPerSkippedWord * static_cast<double>(left_out)))
      a = std::move(all_said);
  }
  // No path within the window: the speaking rate may be far from even;
  // let the utterance take any number of the remaining words.
  if (!a.ok && max_words < rest.size()) a = aligner_.align(pcm_, rest, min_words, rest.size());
  // The last utterance must take every remaining word; with no such path the
  // transcript's last words were likely not spoken (a line read short): it
  // takes the words that fit. Before, the first words were skipped instead
  // until the rest fitted: 11 unspoken words after a sentence put those 11
  // over its audio and dropped the sentence's own.
  if (!a.ok && min_words > 1) a = aligner_.align(pcm_, rest, 1, max_words);
  if (a.ok && a.words_used < std::min(max_words, rest.size()))
    retry_if_speech_hidden(a, span, voiced, rest, max_words);
  skipped = skip_unspoken_words(a, span, voiced, rest, window);
  return a;
}

// An utterance with no path, or one that put more of its speech under SIL
// than into words, did not start where the transcript says: the next words
// were not spoken (a line the speaker skipped) or went under an earlier
// utterance's SIL. Without this, each later utterance started with words
// that were not in its audio and the alignment never recovered (a skipped
// 7-word sentence: 65.1 -> 93.3 % +-20 ms). The skipped words get no times
// (the mouth rests where they were) unless the utterance before takes them
// back (give_back_skipped_words). Returns how many were skipped.
size_t TranscriptAligner::skip_unspoken_words(Alignment& a, const Chunk& span, const std::vector<bool>& voiced,
                                            std::span<const WordPronunciations> rest,
                                            std::pair<size_t, size_t> window) {
  const size_t first_frame = span.begin / kFrameSamples;
  const HiddenSpeech h = a.ok ? find_hidden_speech(a, voiced, first_frame) : HiddenSpeech{};
  if (a.ok && h.hidden_frames <= h.spoken_frames) return 0;
  // The fewest skipped words that leave most speech in words (and, after a
  // path, hide at most half as much), or more while each further word
  // skipped hides still less.
  int best_hidden = a.ok ? h.hidden_frames / 2 + 1 : std::numeric_limits<int>::max();
  size_t skipped = 0;
  for (size_t skip = 1; skip <= kMaxUnspokenWords && skip < rest.size(); ++skip) {
    Alignment b = aligner_.align(pcm_, rest.subspan(skip), window.first, window.second);
    const HiddenSpeech hb = b.ok ? find_hidden_speech(b, voiced, first_frame) : HiddenSpeech{};
    if (!b.ok || hb.hidden_frames > hb.spoken_frames || hb.hidden_frames >= best_hidden) {
      if (skipped > 0) break;  // this skip is no better than the last
      continue;
    }
    skipped = skip;
    best_hidden = hb.hidden_frames;
    for (auto& w : b.words) w.index += skip;
    b.words_used += skip;
    a = std::move(b);
  }
  return skipped;
}

// An utterance that stopped short of the window's end may have hidden words
// in a long SIL over speech; it is aligned again with at least the words the
// hidden speech likely holds, and that result is kept if it gives words to
// most of the hidden speech.
void TranscriptAligner::retry_if_speech_hidden(Alignment& a, const Chunk& c, const std::vector<bool>& voiced,
                                               std::span<const WordPronunciations> rest, size_t max_words) {
  const size_t first_frame = c.begin / kFrameSamples;
  const HiddenSpeech hidden = find_hidden_speech(a, voiced, first_frame);
  if (hidden.longest_frames < kSuspectHiddenFrames) return;
  const size_t min_words = std::min(max_words, a.words_used + likely_hidden_words(hidden, a.words_used));
  Alignment b = aligner_.align(pcm_, rest, min_words, max_words);
  // Hidden words are taken over most of that speech; a sound the transcript
  // does not hold (laughter, a cough, music) would keep most of it in SIL, the
  // extra words squeezed in around it (measured: 2.0 s of a laugh-like buzz,
  // 0.2 s of it taken; the espeak case: 3.4 s, all of it).
  if (b.ok && 2 * find_hidden_speech(b, voiced, first_frame).hidden_frames <= hidden.hidden_frames) a = std::move(b);
}

}  // namespace facecast::speech
