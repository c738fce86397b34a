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
constexpr int kMinPauseFrames = 30;  // a pause, not a cut in running speech
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

// Speech the transcript may lack (find_extra_speech; where: see
// suspect_extra_speech). Measured on the bench sets with every 8th transcript
// word left out (+-20 ms, flite / unseen flite / espeak / real against its
// whole-transcript alignment): none 92.5 / 90.1 / 86.7 / 91.4 %; a loop at
// every boundary of every utterance 95.5 / 94.5 / 87.3 / 95.6 % but the 5-min
// file aligned 6x slower; only where suspected, 2 words each side: factor 2.0
// 94.7 / 92.8 / 87.2 / 95.3 % (5-min file 3.4 -> 4.1 s, with words left out
// 8.4 -> 10.4 s), 1.6 95.4 / 93.5 / 87.0 / 95.4 % (4.8 s, 11.8 s) but the
// whole-transcript sets lost 0.1-0.3 points (1.6 flags phrase-final words);
// at 2.0 (and a stretch kept only when its loop took speech) every
// whole-transcript set and recording condition is unchanged.
constexpr int kMinExtraSpeechFrames = 15;
constexpr int kMinStretchedWordFrames = 25;
constexpr double kStretchedWordFactor = 2.0;
constexpr size_t kExtraSpeechWordsEachSide = 2;
constexpr size_t kTranscriptEdgeWords = 3;

// How badly an alignment fits its audio (misfit): the acoustic score the
// extra-speech loop alone reaches on the same audio minus the alignment's,
// per voiced frame (PocketSphinx's scaled log units). Measured on the first
// utterance of each bench transcript: whole transcripts (235 utterances of
// every synthetic and real set) -20.0 .. 6.4 (median -9.8, the highest at
// 300 wpm); the recording conditions (96) -20.8 .. -1.9; transcripts without
// their first sentence: flite and unseen flite 9.4 .. 33.4, espeak -6.5 .. 23.8
// (its first utterances held several sentences, the lead-in a small part).
constexpr double kMisfitPerFrame = 8;
// The alignment's own acoustic score per voiced frame (PocketSphinx scores
// each frame against its best-scoring senone): at most this, it fits and the
// reference decode is not needed. First utterances of whole transcripts: flite
// and real speech (every recording condition) 16.0 .. 30.5, espeak 30.8 ..
// 54.4; of transcripts without their first sentence, where misfit > 8: 42.2 ..
// 65.6.
constexpr double kFittingScorePerFrame = 35;
// An utterance scoring this many times the mean of the file's earlier ones
// (per voiced frame) is checked too: whole transcripts at most 1.28 times;
// the utterances after a sentence the transcript lacks (the bench's middle
// sentence left out) 1.6 .. 3.3 times, with misfits of 12.6 .. 33.1.
constexpr double kUnlikeEarlierScores = 1.5;
// Chunks a sentence the transcript lacks may fill: a few sentences.
constexpr size_t kMaxLeadInChunks = 4;
// The extra-speech loop's phones before an utterance's first word or after its
// last (a lead-in or a closing sentence the transcript lacks, in the same
// utterance as transcript words) go to the word recogniser when they last this
// long: a word or more, enough context for it.
constexpr int kMinRecognizedEdgeFrames = 50;

// Frames per phone of word w of a (its phones: those within its frames).
double frames_per_phone(const Alignment& a, const AlignedWord& w) {
  int phones = 0;
  for (const auto& p : a.phones)
    if (p.start_frame >= w.start_frame && p.end_frame <= w.end_frame && p.phone != "SIL") ++phones;
  return static_cast<double>(w.end_frame - w.start_frame + 1) / std::max(1, phones);
}

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

// Last resort when no path fits: the words share the chunk's voiced frames
// evenly by phone count; its pauses stay SIL (the mouth rests in them).
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

// Word boundaries (indices into the words a was aligned with) next to which a
// may have put speech the transcript lacks: a SIL holding
// kMinExtraSpeechFrames of voice (the speech detector's hangover adds 5 at
// each side of a pause), and a word lasting kStretchedWordFactor times longer
// per phone than the utterance's median word, and at least
// kMinStretchedWordFrames (a word stretched over one the transcript left out:
// "and" 0.64 s over "hearted and", 3.6 times the median).
std::vector<size_t> suspect_extra_speech(const Alignment& a, const std::vector<bool>& voiced, size_t first_frame) {
  std::vector<size_t> boundaries;
  size_t next_word = 0;  // position in a.words of the first word after the current phone
  for (const auto& p : a.phones) {
    while (next_word < a.words.size() && a.words[next_word].start_frame <= p.start_frame) ++next_word;
    if (p.phone != "SIL") continue;
    if (count_frames(voiced, first_frame + static_cast<size_t>(p.start_frame),
                     first_frame + static_cast<size_t>(p.end_frame) + 1) < kMinExtraSpeechFrames)
      continue;
    boundaries.push_back(next_word < a.words.size() ? a.words[next_word].index : a.words.back().index + 1);
  }
  std::vector<double> per_phone;
  for (const auto& w : a.words) per_phone.push_back(frames_per_phone(a, w));
  if (per_phone.empty()) return boundaries;
  std::vector<double> sorted = per_phone;
  std::nth_element(sorted.begin(), sorted.begin() + static_cast<long>(sorted.size() / 2), sorted.end());
  const double median = sorted[sorted.size() / 2];
  for (size_t i = 0; i < a.words.size(); ++i) {
    const AlignedWord& w = a.words[i];
    if (w.end_frame - w.start_frame + 1 < kMinStretchedWordFrames || per_phone[i] < kStretchedWordFactor * median)
      continue;
    boundaries.push_back(w.index);
    boundaries.push_back(w.index + 1);
  }
  std::sort(boundaries.begin(), boundaries.end());
  boundaries.erase(std::unique(boundaries.begin(), boundaries.end()), boundaries.end());
  return boundaries;
}

// Where speech may begin again in chunk c: its start, then after each pause
// of kMinPauseFrames or more inside it (kept 0.25 s before the speech, as
// chunks are, or half the pause).
std::vector<size_t> pauses_within(const Chunk& c, const std::vector<bool>& voiced) {
  std::vector<size_t> out{c.begin};
  const size_t first = c.begin / kFrameSamples, end = std::min(voiced.size(), c.end / kFrameSamples);
  size_t run = 0;
  for (size_t f = first; f < end; ++f) {
    if (!voiced[f]) {
      ++run;
      continue;
    }
    if (run >= kMinPauseFrames && f - run > first) out.push_back((f - std::min<size_t>(25, run / 2)) * kFrameSamples);
    run = 0;
  }
  return out;
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

TranscriptAligner::Misfit TranscriptAligner::misfit(std::span<const int16_t> pcm, const Alignment& a,
                                                    const Chunk& span, const std::vector<bool>& voiced) {
  aligner_.set_extra_speech({{0}, true, true});
  const Alignment loop = aligner_.align(pcm, {}, 0, 0);
  aligner_.set_extra_speech({});
  Misfit worst{std::numeric_limits<double>::lowest(), span.begin};
  if (!loop.ok) return {0, span.begin};
  // Per part between the pauses inside the span: a sentence the words do not
  // fit is diluted by the others in the whole span's mean.
  std::vector<size_t> cuts = pauses_within(span, voiced);
  cuts.push_back(span.end);
  const auto score_per_part = [&](const Alignment& x) {
    std::vector<double> scores(cuts.size() - 1, 0.0);
    size_t part = 0;
    for (const auto& p : x.phones) {
      const size_t middle = span.begin + static_cast<size_t>(p.start_frame + p.end_frame + 1) * kFrameSamples / 2;
      while (part + 2 < cuts.size() && middle >= cuts[part + 1]) ++part;
      scores[part] += p.acoustic_score;
    }
    return scores;
  };
  const auto with_words = score_per_part(a), loop_alone = score_per_part(loop);
  for (size_t i = 0; i + 1 < cuts.size(); ++i) {
    const int frames = count_frames(voiced, cuts[i] / kFrameSamples, cuts[i + 1] / kFrameSamples);
    const double per_frame = (loop_alone[i] - with_words[i]) / std::max(frames, 1);
    if (frames >= kMinPauseFrames && per_frame > worst.per_frame) worst = {per_frame, cuts[i]};
  }
  return worst.per_frame == std::numeric_limits<double>::lowest() ? Misfit{0, span.begin} : worst;
}

// Where the words `rest` are aligned from again when the utterance that took
// them, `a` over `span` (from chunk `first`), fits them badly (misfit, per
// part between pauses): a sentence the transcript lacks took them (before its
// first word, or between two of its sentences), and each later utterance took
// the words of the sentence after its own (a transcript without its first
// sentence: flite rms 140 wpm 67.9 % +-20 ms; three librivox sentences, the
// first words 7.7 s early). If a later part is the worst, the utterance is
// split there (its first parts fit; the rest is judged as the next
// utterance). Otherwise the words are tried from each pause (chunk starts and
// pauses inside chunks) of the next few chunks to the end of that chunk; the
// first place they fit is the restart. None when the utterance fits or no
// place does.
std::optional<TranscriptAligner::Restart> TranscriptAligner::words_restart(
    DecoderInput& audio, const std::vector<Chunk>& chunks, size_t first, const TranscriptSpread& spread,
    std::span<const WordPronunciations> rest, const Alignment& a, const Chunk& span, const std::vector<bool>& voiced) {
  const auto voiced_in = [&](const Chunk& c) {
    return count_frames(voiced, c.begin / kFrameSamples, c.end / kFrameSamples);
  };
  const int frames = voiced_in(span);
  if (frames == 0 || a.words.empty()) return std::nullopt;
  // A score like the earlier utterances' fits without the reference decode.
  const double score = -static_cast<double>(a.acoustic_score) / frames;
  const double typical = fitting_utterances_ > 0 ? fitting_score_sum_ / fitting_utterances_ : 0;
  const bool fits_like_earlier = score <= std::max(kFittingScorePerFrame, kUnlikeEarlierScores * typical);
  const Misfit own = fits_like_earlier ? Misfit{} : misfit(audio.pcm16(span, pcm_), a, span, voiced);
  if (fits_like_earlier || own.per_frame <= kMisfitPerFrame) {
    fitting_score_sum_ += score;
    ++fitting_utterances_;
    return std::nullopt;
  }
  // Its first parts fit: they are aligned on their own first, and the part
  // that does not fit is judged as the next utterance's start.
  if (own.part_begin > span.begin) return Restart{own.part_begin, true};
  const double own_misfit = own.per_frame;
  // A place fits when its misfit is low, or half this utterance's (a voice
  // the model matches poorly: espeak en-us+f3's sentence 10.1 against 23.8
  // for a lead-in with its words).
  const double fits = std::max(kMisfitPerFrame, own_misfit / 2);
  std::optional<Restart> restart;
  for (size_t j = first; j < chunks.size() && j <= first + kMaxLeadInChunks && !restart; ++j) {
    for (const size_t from : pauses_within(chunks[j], voiced)) {
      if (from == span.begin) continue;  // where this utterance put them
      const Chunk part{from, chunks[j].end};
      const auto [min_words, max_words] = spread.window(j, j);
      const Alignment b = aligner_.align(audio.pcm16(part, pcm_), rest, std::min<size_t>(min_words, 1), max_words);
      // Its words, not SIL, must take most of its speech.
      if (b.ok && b.words_used > 0 &&
          2 * find_hidden_speech(b, voiced, part.begin / kFrameSamples).spoken_frames >= voiced_in(part) &&
          misfit(pcm_, b, part, voiced).per_frame <= fits) {
        restart = Restart{from, false};
        break;
      }
    }
  }
  audio.pcm16(span, pcm_);  // the utterance's audio again, as the caller had it
  return restart;
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

// The utterance's words are settled; where it may hold speech the transcript
// lacks (suspect_extra_speech), the words around are aligned again over their
// own stretch with an extra-speech loop there (ForcedAligner::set_extra_speech),
// so that speech gets phones of its own instead of the neighbours' stretched
// over it or a still mouth. A stretch, not the utterance: each loop keeps 39
// more phone models active all through what is aligned.
void TranscriptAligner::find_extra_speech(const std::vector<bool>& voiced) {
  Alignment& a = held_.alignment;
  if (a.words.empty() || a.phones.empty()) return;
  const std::vector<size_t> suspects = suspect_extra_speech(a, voiced, held_.span.begin / kFrameSamples);
  // Stretches of words [lo, hi] (positions in a.words) around the suspect
  // boundaries (sorted), overlapping or adjacent ones merged.
  struct Stretch {
    size_t lo, hi;
    std::vector<size_t> boundaries;  // word indices, as for ExtraSpeech::at
  };
  std::vector<Stretch> stretches;
  for (size_t b : suspects) {
    size_t pos = 0;  // first word at or after boundary b
    while (pos < a.words.size() && a.words[pos].index < b) ++pos;
    const size_t lo = pos < kExtraSpeechWordsEachSide ? 0 : pos - kExtraSpeechWordsEachSide;
    const size_t hi = std::min(a.words.size(), pos + kExtraSpeechWordsEachSide) - 1;
    if (!stretches.empty() && lo <= stretches.back().hi + 1) {
      stretches.back().hi = std::max(stretches.back().hi, hi);
    } else {
      stretches.push_back({lo, hi, {}});
    }
    stretches.back().boundaries.push_back(b);
  }
  // The utterance holds the transcript's first or last word: speech before or
  // after it is speech the transcript lacks (a lead-in, a closing remark). The
  // aligner left it in SIL, or dragged the first (last) words over it and
  // the suspect lies a few words in: a stretch that starts (ends) within
  // kTranscriptEdgeWords of that word is first tried from the utterance's edge
  // with a loop there, kept if that loop took speech.
  const size_t offset = static_cast<size_t>(held_.words.data() - words_.data());
  const bool opens = offset + a.words.front().index == 0;
  const bool closes = offset + a.words.back().index + 1 == words_.size();
  const size_t last = a.words.size() - 1;
  for (size_t i = 0; i < stretches.size(); ++i) {
    const Stretch& s = stretches[i];
    const bool widen_start = i == 0 && opens && s.lo <= kTranscriptEdgeWords;
    const bool widen_end = i + 1 == stretches.size() && closes && s.hi + kTranscriptEdgeWords >= last;
    if (widen_start || widen_end) {
      std::vector<size_t> at = s.boundaries;
      if (widen_start) at.insert(at.begin(), a.words.front().index);
      if (widen_end) at.push_back(a.words.back().index + 1);
      at.erase(std::unique(at.begin(), at.end()), at.end());
      const size_t lo = widen_start ? 0 : s.lo, hi = widen_end ? last : s.hi;
      // Unless the stretch already reached the edge with a loop there: the
      // same decode twice.
      const bool same = lo == s.lo && hi == s.hi && at == s.boundaries;
      if (!same && realign_stretch(lo, hi, at, opens, closes, true)) continue;
    }
    realign_stretch(s.lo, s.hi, s.boundaries, opens, closes, false);
  }
}

// Words [lo, hi] (positions in the held alignment) aligned again over their
// own frames with an extra-speech loop at `boundaries` (word indices, sorted);
// spliced in when the loop took speech (outside_only: speech before the
// transcript's first word or after its last). opens / closes: the alignment
// holds the transcript's first / last word.
bool TranscriptAligner::realign_stretch(size_t lo, size_t hi, const std::vector<size_t>& boundaries, bool opens, bool closes,
                                        bool outside_only) {
  Alignment& a = held_.alignment;
  const bool at_start = lo == 0, at_end = hi + 1 == a.words.size();
  // At the utterance's edges the stretch takes in its leading or trailing SIL.
  const int from = at_start ? 0 : a.words[lo].start_frame;
  const int to = at_end ? a.phones.back().end_frame : a.words[hi].end_frame;
  const size_t first_index = a.words[lo].index;
  const size_t n_words = a.words[hi].index + 1 - first_index;
  const size_t begin = static_cast<size_t>(from) * kFrameSamples;
  const size_t end = std::min(held_.pcm.size(), static_cast<size_t>(to + 1) * kFrameSamples);
  if (begin >= end) return false;
  ExtraSpeech where{{}, opens && at_start, closes && at_end};
  for (size_t b : boundaries) where.at.push_back(b - first_index);
  aligner_.set_extra_speech(std::move(where));
  Alignment local = aligner_.align(std::span<const int16_t>(held_.pcm).subspan(begin, end - begin),
                                   held_.words.subspan(first_index, n_words), n_words, n_words);
  aligner_.set_extra_speech({});
  if (!local.ok || local.words_used != n_words || local.words.empty()) return false;
  // Kept only when the loop took speech: a stretch aligned on its own
  // otherwise just moves boundaries (its own cepstral mean; measured on the
  // telephone-band and noisy recordings: a word's start 0.2 s late).
  const int first_word = local.words.front().start_frame, last_word = local.words.back().end_frame;
  const bool took_extra = std::any_of(local.phones.begin(), local.phones.end(), [&](const AlignedPhone& p) {
    return p.extra && (!outside_only || p.end_frame < first_word || p.start_frame > last_word);
  });
  if (!took_extra || !place_in_stretch(local, first_index, from, to)) return false;
  splice_stretch(a, local, lo, hi, from, to);
  return true;
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
  Alignment a = aligner_.align(audio.pcm16(span, pcm_), rest, min_words, max_words);
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
