#include "speech/analyzer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

#include "core/error.h"
#include "speech/chunk_io.h"
#include "speech/forced_aligner.h"
#include "speech/quiet_gate.h"
#include "speech/shared_models.h"
#include "speech/sphinx_decoder.h"
#include "speech/timeline_builder.h"
#include "speech/transcript_aligner.h"
#include "speech/transcript_words.h"
#include "speech/voice_activity.h"

namespace facecast::speech {
namespace {

// A pause in which phone decoding may not move the mouth: 150 ms without
// speech by the voice-activity detector (whose hangover adds 50 ms of speech
// at each side), so stop closures inside words never count.
constexpr int kMinQuietFrames = 15;
// A SIL of the recogniser's alignment holding at least this much speech by the
// voice-activity detector (whose hangover adds 50 ms at each side of a pause)
// is speech the recogniser found no word for.
constexpr int kMinUnrecognizedFrames = 15;

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

  void phonetic(DecoderInput& input, const std::vector<Chunk>& chunks, const QuietGate& gate, TimelineBuilder& out) {
    for (const auto& c : chunks) add_phonetic(c, phone_decoder().decode_utterance(input.pcm16(c, pcm)), gate, out);
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

  // The aligned recognised words, and for speech the recogniser found no word
  // for (a missed word, a mumble), which the alignment leaves in SIL, the phone
  // decoder's phones: the mouth went on resting while the voice went on
  // (espeak voices: 23.5 % of their speech frames). chunk_pcm holds chunk c.
  void add_recognized(const Chunk& c, std::span<const int16_t> chunk_pcm, const Alignment& a,
                      std::span<const WordPronunciations> words, const std::vector<bool>& voiced,
                      const QuietGate& gate, bool with_words, TimelineBuilder& out) {
    const long base = static_cast<long>(c.begin / kFrameSamples);
    std::optional<std::vector<DecodedSegment>> phones;  // decoded once, when first needed
    for (const auto& p : a.phones) {
      const bool unrecognized =
          normalize_phone(p.phone) == "SIL" &&
          count_frames(voiced, base + p.start_frame, base + p.end_frame + 1) >= kMinUnrecognizedFrames;
      if (!unrecognized) {
        out.add_phone(p.phone, chunk_time(c, p.start_frame), chunk_time(c, p.end_frame + 1));
        continue;
      }
      if (!phones) phones = phone_decoder().decode_utterance(chunk_pcm);
      for (const auto& s : *phones) {
        const int from = std::max(s.start_frame, p.start_frame), to = std::min(s.end_frame, p.end_frame);
        if (from > to) continue;
        if (const auto kept = gate.trim(base + from, base + to))
          out.add_phone(s.word, chunk_time(c, static_cast<int>(kept->first - base)),
                        chunk_time(c, static_cast<int>(kept->second - base + 1)));
      }
    }
    if (!with_words) return;
    for (const auto& w : a.words)
      out.add_word(words[w.index].word, chunk_time(c, w.start_frame), chunk_time(c, w.end_frame + 1));
  }

  void recognize(DecoderInput& input, const std::vector<Chunk>& chunks, const std::vector<bool>& voiced,
                 const QuietGate& gate, TimelineBuilder& out) {
    for (const auto& c : chunks) recognize_chunk(c, input.pcm16(c, pcm), voiced, gate, /*with_words=*/true, out);
  }

  // Recognise mode for one chunk (chunk_pcm: its audio). with_words: the words
  // go into the timeline too (align mode fills speech the transcript lacks
  // with the phones alone: its words are the transcript's).
  void recognize_chunk(const Chunk& c, std::span<const int16_t> chunk_pcm, const std::vector<bool>& voiced,
                       const QuietGate& gate, bool with_words, TimelineBuilder& out) {
    std::vector<WordPronunciations> words;
    std::vector<DecodedSegment> spans;
    std::vector<DecodedSegment> recognized;
    {
      auto recognizer = shared->recognizers().acquire();  // held for this utterance only
      try {
        recognized = recognizer.decoder().decode_utterance(chunk_pcm);
      } catch (...) {
        recognizer.discard();  // a decoder the library failed in goes back to no other request
        throw;
      }
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
      add_phonetic(c, phone_decoder().decode_utterance(chunk_pcm), gate, out);
      return;
    }
    const Alignment a = aligner().align(chunk_pcm, words, words.size(), words.size());
    if (a.ok && a.words_used == words.size()) {
      add_recognized(c, chunk_pcm, a, words, voiced, gate, with_words, out);
      return;
    }
    // The aligner found no path: keep the recogniser's word times and
    // spread each word's phones evenly over it.
    for (size_t i = 0; i < words.size(); ++i) {
      const double start = chunk_time(c, spans[i].start_frame), end = chunk_time(c, spans[i].end_frame + 1);
      if (with_words) out.add_word(words[i].word, start, end);
      const auto& phones = words[i].variants.front();
      for (size_t k = 0; k < phones.size(); ++k)
        out.add_phone(phones[k], start + (end - start) * k / phones.size(),
                      start + (end - start) * (k + 1) / phones.size());
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
  std::vector<std::string> unread;
  if (mode == SpeechMode::Auto || mode == SpeechMode::Align) {
    TranscriptText read = read_transcript(transcript);
    const auto& spoken = read.words;
    unread = std::move(read.unread);
    const double seconds = static_cast<double>(pcm16k.size()) / kSampleRate;
    const auto most = static_cast<size_t>(impl_->settings.max_words_per_second * seconds) + kTranscriptWordAllowance;
    if (spoken.size() > most) {
      char message[200];
      std::snprintf(message, sizeof message,
                    "the transcript has %zu words, more than %.3f s of audio can hold (at most %zu: "
                    "max_words_per_second %g x %.3f s + %zu)",  // 3 decimals: 10 ms never reads as 0.0 s
                    spoken.size(), seconds, most, impl_->settings.max_words_per_second, seconds,
                    kTranscriptWordAllowance);
      throw Error(ErrorCode::InvalidArgument, message);
    }
    for (const auto& w : spoken) {
      // Letter-to-sound gives a word about one phone per letter and the
      // aligner a grammar state per phone: a 100,000-letter "word" took 11 s
      // and 776 MB on a 3 s clip.
      if (w.size() > kMaxWordLetters)
        throw Error(ErrorCode::InvalidArgument,
                    "the transcript has a word of " + std::to_string(w.size()) + " letters ('" + w.substr(0, 20) +
                        "...'); words are at most " + std::to_string(kMaxWordLetters) + " letters");
      auto p = pronounce(impl_->shared->dictionary(), w);
      if (!p.variants.empty()) words.push_back(std::move(p));
    }
  }
  // A transcript wholly in another script ("Привет, мир"): the speech is
  // likely not English, so the English recogniser would force English words
  // on it; allphone decoding is bound to no language.
  if (mode == SpeechMode::Auto && words.empty() && !unread.empty()) mode = SpeechMode::Phonetic;
  if (mode == SpeechMode::Auto) mode = words.empty() ? SpeechMode::Recognize : SpeechMode::Align;
  if (mode == SpeechMode::Align && words.empty() && !unread.empty())
    throw Error(ErrorCode::InvalidArgument, "align mode needs a transcript with at least one word in Latin letters; '" +
                                                excerpt(unread.front()) + "'" + (unread.size() > 1 ? " ..." : "") +
                                                " is in a script Facecast cannot read (English only)");
  if (mode == SpeechMode::Align && words.empty())
    throw Error(ErrorCode::InvalidArgument, "align mode needs a transcript with at least one word");

  const double duration = static_cast<double>(pcm16k.size()) / kSampleRate;
  SpeechSettings chunking = impl_->settings;
  if (mode == SpeechMode::Align) chunking.max_utterance_s = std::min(chunking.max_utterance_s, kMaxAlignUtteranceS);
  // Once per input: the chunking, the transcript spread, the hidden-speech
  // check, the pause check and the quiet gate all read it.
  const FrameActivity activity = analyse_frames(pcm16k);
  const auto chunks = cut_into_chunks(activity, pcm16k.size(), chunking);
  const std::vector<bool>& loud = activity.loud;
  const std::vector<bool>& voiced = activity.voiced;
  TimelineBuilder out;
  // The decoders hear the audio with steady background noise taken out (when
  // there is any); the activity above was measured on the input as it is.
  DecoderInput heard(pcm16k);
  const QuietGate gate(voiced, kMinQuietFrames);
  if (mode == SpeechMode::Align) {
    TranscriptAligner aligner(impl_->aligner());
    aligner.set_untranscribed_speech([&](std::span<const int16_t> chunk_pcm, const Chunk& c, TimelineBuilder& timeline) {
      impl_->recognize_chunk(c, chunk_pcm, voiced, gate, /*with_words=*/false, timeline);
    });
    aligner.align(heard, chunks, words, voiced, loud, out);
  } else if (mode == SpeechMode::Phonetic) {
    impl_->phonetic(heard, chunks, gate, out);
  } else {
    impl_->recognize(heard, chunks, voiced, gate, out);
  }
  SpeechTimeline timeline = out.finish(duration, mode);
  timeline.unread_transcript = std::move(unread);
  return timeline;
}

}  // namespace facecast::speech
