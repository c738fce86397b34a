// TranscriptAligner, its part for a sentence the transcript lacks: how badly
// an utterance's words fit its audio (misfit), and where the words are aligned
// from again when they do not (words_restart).
#include <algorithm>
#include <limits>

#include "speech/hidden_speech.h"
#include "speech/transcript_aligner.h"

namespace facecast::speech {
namespace {
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

}  // namespace facecast::speech
