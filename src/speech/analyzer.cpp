#include "speech/analyzer.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "speech/forced_aligner.h"
#include "speech/pcm16.h"
#include "speech/sphinx_decoder.h"
#include "speech/timeline_builder.h"
#include "speech/transcript_words.h"
#include "speech/transcript_spread.h"
#include "speech/voice_activity.h"

namespace facecast::speech {
namespace {

bool is_filler_word(const std::string& w) {
  return w.empty() || w.front() == '<' || w.front() == '[' || w.front() == '+';
}

}  // namespace

struct Analyzer::Impl {
  SpeechSettings settings;
  SphinxDecoder align_decoder;
  SphinxDecoder recognize_decoder;
  SphinxDecoder phone_decoder;
  ForcedAligner aligner;
  std::vector<int16_t> pcm;  // reused per utterance

  explicit Impl(const SpeechSettings& s)
      : settings(s),
        align_decoder(s, SearchKind::Align),
        recognize_decoder(s, SearchKind::Recognize),
        phone_decoder(s, SearchKind::Allphone),
        aligner(align_decoder) {}

  std::span<const int16_t> utterance(std::span<const float> all, const Chunk& c) {
    pcm.clear();
    append_pcm16(all.subspan(c.begin, c.end - c.begin), pcm);
    return pcm;
  }

  static double chunk_time(const Chunk& c, int frame) {
    return static_cast<double>(c.begin) / kSampleRate + frame * kFrameSeconds;
  }

  void add_alignment(const Chunk& c, const Alignment& a, std::span<const WordPronunciations> words,
                     TimelineBuilder& out) {
    for (const auto& p : a.phones) out.add_phone(p.phone, chunk_time(c, p.start_frame), chunk_time(c, p.end_frame + 1));
    for (const auto& w : a.words)
      out.add_word(words[w.index].word, chunk_time(c, w.start_frame), chunk_time(c, w.end_frame + 1));
  }

  void phonetic(std::span<const float> audio, const std::vector<Chunk>& chunks, TimelineBuilder& out) {
    for (const auto& c : chunks) add_phonetic(c, phone_decoder.decode_utterance(utterance(audio, c)), out);
  }

  static void add_phonetic(const Chunk& c, const std::vector<DecodedSegment>& phones, TimelineBuilder& out) {
    for (const auto& s : phones) out.add_phone(s.word, chunk_time(c, s.start_frame), chunk_time(c, s.end_frame + 1));
  }

  void recognize(std::span<const float> audio, const std::vector<Chunk>& chunks, TimelineBuilder& out) {
    for (const auto& c : chunks) {
      std::vector<WordPronunciations> words;
      std::vector<DecodedSegment> spans;
      for (auto& s : recognize_decoder.decode_utterance(utterance(audio, c))) {
        if (is_filler_word(s.word)) continue;
        auto p = pronounce(align_decoder.get(), s.word);
        if (p.variants.empty()) continue;
        words.push_back(std::move(p));
        spans.push_back(s);
      }
      if (words.empty()) {
        // Speech the recogniser heard no words in (mumbling, another
        // language): the phone decoder still gives the mouth something to do.
        add_phonetic(c, phone_decoder.decode_utterance(pcm), out);
        continue;
      }
      const Alignment a = aligner.align(pcm, words, words.size(), words.size());
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
             const std::vector<WordPronunciations>& words, TimelineBuilder& out) {
    TranscriptSpread spread(words, chunks);
    for (size_t k = 0; k < chunks.size(); ++k) {
      const auto [min_words, max_words] = spread.window(k);
      const auto rest = std::span(words).subspan(spread.next_word());
      if (rest.empty()) break;
      const Alignment a = aligner.align(utterance(audio, chunks[k]), rest, min_words, max_words);
      if (a.ok) {
        add_alignment(chunks[k], a, rest, out);
        spread.consumed(a.words_used);
      } else {
        spread_evenly(chunks[k], rest.first(spread.expected_words(k)), out);
        spread.consumed(spread.expected_words(k));
      }
    }
  }

  // Fallback when no path fits: the words share the chunk evenly by phone count.
  static void spread_evenly(const Chunk& c, std::span<const WordPronunciations> words, TimelineBuilder& out) {
    size_t total = 0;
    for (const auto& w : words) total += w.variants.front().size();
    if (total == 0) return;
    const double start = static_cast<double>(c.begin) / kSampleRate;
    const double step = static_cast<double>(c.end - c.begin) / kSampleRate / static_cast<double>(total);
    size_t n = 0;
    for (const auto& w : words) {
      const double word_start = start + step * static_cast<double>(n);
      for (const auto& p : w.variants.front()) {
        out.add_phone(p, start + step * static_cast<double>(n), start + step * static_cast<double>(n + 1));
        ++n;
      }
      out.add_word(w.word, word_start, start + step * static_cast<double>(n));
    }
  }
};

Analyzer::Analyzer(const SpeechSettings& settings) : impl_(std::make_unique<Impl>(settings)) {}
Analyzer::~Analyzer() = default;

SpeechTimeline Analyzer::analyze(std::span<const float> pcm16k, std::string_view transcript, SpeechMode mode) {
  std::vector<WordPronunciations> words;
  for (const auto& w : transcript_words(transcript)) {
    auto p = pronounce(impl_->align_decoder.get(), w);
    if (!p.variants.empty()) words.push_back(std::move(p));
  }
  if (mode == SpeechMode::Auto) mode = words.empty() ? SpeechMode::Recognize : SpeechMode::Align;
  if (mode == SpeechMode::Align && words.empty())
    throw Error(ErrorCode::InvalidArgument, "align mode needs a transcript with at least one word");

  const double duration = static_cast<double>(pcm16k.size()) / kSampleRate;
  const auto chunks = cut_into_chunks(pcm16k, impl_->settings);
  TimelineBuilder out;
  switch (mode) {
    case SpeechMode::Phonetic: impl_->phonetic(pcm16k, chunks, out); break;
    case SpeechMode::Recognize: impl_->recognize(pcm16k, chunks, out); break;
    default: impl_->align(pcm16k, chunks, words, out); break;
  }
  return out.finish(duration, mode);
}

}  // namespace facecast::speech
