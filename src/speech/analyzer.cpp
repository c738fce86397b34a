#include "speech/analyzer.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "speech/forced_aligner.h"
#include "speech/hidden_speech.h"
#include "speech/pauses_over_speech.h"
#include "speech/pcm16.h"
#include "speech/quiet_gate.h"
#include "speech/shared_models.h"
#include "speech/sphinx_decoder.h"
#include "speech/timeline_builder.h"
#include "speech/transcript_words.h"
#include "speech/transcript_spread.h"
#include "speech/voice_activity.h"

namespace facecast::speech {
namespace {

// Half a second of speech under one SIL: longer than any pause the voice
// detector's hangover or a breath adds, far shorter than a hidden word run.
constexpr int kSuspectHiddenFrames = 50;

// A pause in which phone decoding may not move the mouth: 150 ms without
// speech by the voice-activity detector (whose hangover adds 50 ms of speech
// at each side), so stop closures inside words never count.
constexpr int kMinQuietFrames = 15;

// Alignment utterances are merged up to 6 s rather than max_utterance_s: the
// grammar grows with the utterance and the search's cost per frame with the
// grammar (its history bookkeeping visits every grammar state each frame:
// 13 % of the 5-min file's instructions at 10 s, 5 % for a lone sentence).
// An utterance whose alignment still hides speech, or ends with speech under
// its final SIL, is joined with the next one, up to kMaxAlignJoinedS: a short
// utterance that ended a word early otherwise pushed that word into the next,
// which then found no path, and so on (espeak en+m7 at 5 s: 31.8 % +-20 ms
// without the join, 93.2 % with it). Measured (bench sets, +-20 ms): 10 s:
// espeak 93.7 %, flite 98.3 %, 5-min 97.6 %; 6 s with joins: 93.8 / 98.3 /
// 97.7 %, espeak p/b/m precision 96.6 -> 97.3 %; 4 s: 93.3 / 98.3 %, but
// real files then split and agree less with their whole-file alignment (98.5 %).
constexpr double kMaxAlignUtteranceS = 6;
constexpr double kMaxAlignJoinedS = 15;
// Speech under the final SIL that suggests the utterance ended early: 200 ms
// (the detector's hangover adds 50 ms after the last word).
constexpr int kSuspectTrailingFrames = 20;

bool is_filler_word(const std::string& w) {
  return w.empty() || w.front() == '<' || w.front() == '[' || w.front() == '+';
}

}  // namespace

struct Analyzer::Impl {
  SpeechSettings settings;
  std::shared_ptr<SharedModels> shared;
  // Loaded on first use: a CLI run needs one mode, and each decoder costs
  // 0.1-0.6 s to load.
  std::unique_ptr<SphinxDecoder> align_decoder_;
  std::unique_ptr<SphinxDecoder> phone_decoder_;
  std::unique_ptr<ForcedAligner> aligner_;
  std::vector<int16_t> pcm;  // reused per utterance

  Impl(const SpeechSettings& s, std::shared_ptr<SharedModels> models)
      : settings(s), shared(models ? std::move(models) : std::make_shared<SharedModels>(s, 1)) {
    require_model(s);
  }

  SphinxDecoder& align_decoder() {
    if (!align_decoder_) align_decoder_ = std::make_unique<SphinxDecoder>(settings, SearchKind::Align);
    return *align_decoder_;
  }
  ForcedAligner& aligner() {
    if (!aligner_) aligner_ = std::make_unique<ForcedAligner>(align_decoder());
    return *aligner_;
  }
  SphinxDecoder& phone_decoder() {
    if (!phone_decoder_) phone_decoder_ = std::make_unique<SphinxDecoder>(settings, SearchKind::Allphone);
    return *phone_decoder_;
  }

  std::span<const int16_t> utterance(std::span<const float> all, const Chunk& c) {
    pcm.clear();
    append_pcm16(all.subspan(c.begin, c.end - c.begin), pcm);
    return pcm;
  }

  // The time of the boundary before `frame` of chunk c (see kBoundaryOffsetSeconds).
  static double chunk_time(const Chunk& c, int frame) {
    return std::min(static_cast<double>(c.begin) / kSampleRate + frame * kFrameSeconds + kBoundaryOffsetSeconds,
                    static_cast<double>(c.end) / kSampleRate);
  }

  void add_alignment(const Chunk& c, const Alignment& a, std::span<const WordPronunciations> words,
                     TimelineBuilder& out) {
    for (const auto& p : a.phones) out.add_phone(p.phone, chunk_time(c, p.start_frame), chunk_time(c, p.end_frame + 1));
    for (const auto& w : a.words)
      out.add_word(words[w.index].word, chunk_time(c, w.start_frame), chunk_time(c, w.end_frame + 1));
  }

  void phonetic(std::span<const float> audio, const std::vector<Chunk>& chunks, const QuietGate& gate,
                TimelineBuilder& out) {
    for (const auto& c : chunks) add_phonetic(c, phone_decoder().decode_utterance(utterance(audio, c)), gate, out);
  }

  static void add_phonetic(const Chunk& c, const std::vector<DecodedSegment>& phones, const QuietGate& gate,
                           TimelineBuilder& out) {
    const long base = static_cast<long>(c.begin / kFrameSamples);
    for (const auto& s : phones) {
      const auto kept = gate.trim(base + s.start_frame, base + s.end_frame);
      if (kept) out.add_phone(s.word, chunk_time(c, static_cast<int>(kept->first - base)),
                              chunk_time(c, static_cast<int>(kept->second - base + 1)));
    }
  }

  void recognize(std::span<const float> audio, const std::vector<Chunk>& chunks, const QuietGate& gate,
                 TimelineBuilder& out) {
    for (const auto& c : chunks) {
      std::vector<WordPronunciations> words;
      std::vector<DecodedSegment> spans;
      std::vector<DecodedSegment> recognized;
      {
        auto recognizer = shared->recognizers().acquire();  // held for this utterance only
        recognized = recognizer.decoder().decode_utterance(utterance(audio, c));
      }
      for (auto& s : recognized) {
        if (is_filler_word(s.word)) continue;
        auto p = pronounce(shared->dictionary(), s.word);
        if (p.variants.empty()) continue;
        words.push_back(std::move(p));
        spans.push_back(s);
      }
      if (words.empty()) {
        // Speech the recogniser heard no words in (mumbling, another
        // language): the phone decoder still gives the mouth something to do.
        add_phonetic(c, phone_decoder().decode_utterance(pcm), gate, out);
        continue;
      }
      const Alignment a = aligner().align(pcm, words, words.size(), words.size());
      if (a.ok && a.words_used == words.size()) {
        add_alignment(c, a, words, out);
        continue;
      }
      // The aligner found no path: keep the recogniser's word times and
      // spread each word's phones evenly over it.
      for (size_t i = 0; i < words.size(); ++i) {
        const double start = chunk_time(c, spans[i].start_frame), end = chunk_time(c, spans[i].end_frame + 1);
        out.add_word(words[i].word, start, end);
        const auto& phones = words[i].variants.front();
        for (size_t k = 0; k < phones.size(); ++k)
          out.add_phone(phones[k], start + (end - start) * k / phones.size(),
                        start + (end - start) * (k + 1) / phones.size());
      }
    }
  }

  void align(std::span<const float> audio, const std::vector<Chunk>& chunks,
             const std::vector<WordPronunciations>& words, const std::vector<bool>& voiced,
             const std::vector<bool>& loud, TimelineBuilder& out) {
    TranscriptSpread spread(words, chunks, voiced);
    for (size_t k = 0; k < chunks.size();) {
      const auto rest = std::span(words).subspan(spread.next_word());
      if (rest.empty()) break;
      // Chunks first..last aligned as one utterance: chunk `first` alone, then
      // while its alignment finds no path or hides speech, with the next chunk
      // joined (see kMaxAlignJoinedS).
      const size_t first = k;
      size_t last = k;
      Chunk span = chunks[k];
      Alignment a = align_span(span, spread.window(first, last), rest, voiced, audio);
      while (needs_more_audio(a, span, voiced) && can_join(chunks, first, last + 1)) {
        span.end = chunks[++last].end;
        a = align_span(span, spread.window(first, last), rest, voiced, audio);
      }
      k = last + 1;
      if (a.ok) close_pauses_over_speech(aligner(), pcm, rest, loud, span.begin / kFrameSamples, a);
      if (a.ok) {
        add_alignment(span, a, rest, out);
        spread.consumed(a.words_used);
        continue;
      }
      const size_t n = std::min(spread.expected_words(first, last), rest.size());
      spread_over_voice(span, voiced, rest.first(n), out);
      spread.consumed(n);
    }
  }

  Alignment align_span(const Chunk& span, std::pair<size_t, size_t> window, std::span<const WordPronunciations> rest,
                       const std::vector<bool>& voiced, std::span<const float> audio) {
    const auto [min_words, max_words] = window;
    Alignment a = aligner().align(utterance(audio, span), rest, min_words, max_words);
    // No path within the window: the speaking rate may be far from even;
    // let the utterance take any number of the remaining words.
    if (!a.ok && max_words < rest.size()) a = aligner().align(pcm, rest, min_words, rest.size());
    if (a.ok && a.words_used < std::min(max_words, rest.size())) retry_if_speech_hidden(a, span, voiced, rest, max_words);
    return a;
  }

  static bool needs_more_audio(const Alignment& a, const Chunk& span, const std::vector<bool>& voiced) {
    if (!a.ok) return true;
    const HiddenSpeech h = find_hidden_speech(a, voiced, span.begin / kFrameSamples);
    return h.longest_frames >= kSuspectHiddenFrames || h.trailing_frames >= kSuspectTrailingFrames;
  }

  static bool can_join(const std::vector<Chunk>& chunks, size_t first, size_t next) {
    return next < chunks.size() &&
           static_cast<double>(chunks[next].end - chunks[first].begin) / kSampleRate <= kMaxAlignJoinedS &&
           static_cast<double>(chunks[next].begin - chunks[next - 1].end) / kSampleRate <= kMaxInnerPauseS;
  }

  // An utterance that stopped short of the window's end may have hidden words
  // in a long SIL over speech; it is aligned again with at least the words the
  // hidden speech likely holds, and that result is kept if it gives words to
  // most of the hidden speech.
  void retry_if_speech_hidden(Alignment& a, const Chunk& c, const std::vector<bool>& voiced,
                              std::span<const WordPronunciations> rest, size_t max_words) {
    const size_t first_frame = c.begin / kFrameSamples;
    const HiddenSpeech hidden = find_hidden_speech(a, voiced, first_frame);
    if (hidden.longest_frames < kSuspectHiddenFrames) return;
    const size_t min_words = std::min(max_words, a.words_used + likely_hidden_words(hidden, a.words_used));
    Alignment b = aligner().align(pcm, rest, min_words, max_words);
    // Hidden words are taken over most of that speech; a sound the transcript
    // does not hold (laughter, a cough, music) would keep most of it in SIL, the
    // extra words squeezed in around it (measured: 2.0 s of a laugh-like buzz,
    // 0.2 s of it taken; the espeak case: 3.4 s, all of it).
    if (b.ok && 2 * find_hidden_speech(b, voiced, first_frame).hidden_frames <= hidden.hidden_frames) a = std::move(b);
  }

  // Last resort when no path fits: the words share the chunk's voiced frames
  // evenly by phone count; its pauses stay SIL (the mouth rests in them).
  static void spread_over_voice(const Chunk& c, const std::vector<bool>& voiced,
                                std::span<const WordPronunciations> words, TimelineBuilder& out) {
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
};

Analyzer::Analyzer(const SpeechSettings& settings, std::shared_ptr<SharedModels> shared)
    : impl_(std::make_unique<Impl>(settings, std::move(shared))) {}
Analyzer::~Analyzer() = default;

void Analyzer::preload(SpeechMode mode) {
  if (mode != SpeechMode::Phonetic) {
    impl_->aligner();
    impl_->shared->dictionary();
  }
  if (mode == SpeechMode::Recognize || mode == SpeechMode::Auto) impl_->shared->recognizers().preload();
  if (mode == SpeechMode::Phonetic) impl_->phone_decoder();
}

void Analyzer::preload_all() {
  preload(SpeechMode::Auto);
  preload(SpeechMode::Phonetic);
}

SpeechTimeline Analyzer::analyze(std::span<const float> pcm16k, std::string_view transcript, SpeechMode mode) {
  std::vector<WordPronunciations> words;
  if (mode == SpeechMode::Auto || mode == SpeechMode::Align) {
    for (const auto& w : transcript_words(transcript)) {
      auto p = pronounce(impl_->shared->dictionary(), w);
      if (!p.variants.empty()) words.push_back(std::move(p));
    }
  }
  if (mode == SpeechMode::Auto) mode = words.empty() ? SpeechMode::Recognize : SpeechMode::Align;
  if (mode == SpeechMode::Align && words.empty())
    throw Error(ErrorCode::InvalidArgument, "align mode needs a transcript with at least one word");

  const double duration = static_cast<double>(pcm16k.size()) / kSampleRate;
  SpeechSettings chunking = impl_->settings;
  if (mode == SpeechMode::Align) chunking.max_utterance_s = std::min(chunking.max_utterance_s, kMaxAlignUtteranceS);
  const auto chunks = cut_into_chunks(pcm16k, chunking);
  // Loud and voiced frames, once per input: the transcript spread, the
  // hidden-speech check, the pause check and the quiet gate all read them.
  const std::vector<bool> loud = detect_loud_frames(pcm16k);
  const std::vector<bool> voiced = with_hangover(loud);
  TimelineBuilder out;
  if (mode == SpeechMode::Align) {
    impl_->align(pcm16k, chunks, words, voiced, loud, out);
  } else {
    const QuietGate gate(voiced, kMinQuietFrames);
    if (mode == SpeechMode::Phonetic) impl_->phonetic(pcm16k, chunks, gate, out);
    else impl_->recognize(pcm16k, chunks, gate, out);
  }
  return out.finish(duration, mode);
}

}  // namespace facecast::speech
