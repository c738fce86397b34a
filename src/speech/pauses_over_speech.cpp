#include "speech/pauses_over_speech.h"

#include <algorithm>

#include "speech/alignment_splice.h"
#include "speech/voice_activity.h"

namespace facecast::speech {
namespace {

// Words each side of the pause that are aligned again with it: the squeezed
// run after a false pause spans two or three words.
constexpr size_t kRepairWordsEachSide = 2;
// Speech under the leading SIL is the first word's only if it is about as
// loud: within 6 dB of that word's loudest 10 ms (a breath, a click or room
// noise before speech is far quieter: goforward's noise tail, -16 to -25 dB).
constexpr double kEdgeSpeechPowerRatio = 0.25;
// Local re-alignments one utterance may spend.
constexpr int kMaxRepairs = 12;

int loud_in(int start_frame, int end_frame, const std::vector<bool>& loud, size_t first_frame) {
  return count_frames(loud, first_frame + static_cast<size_t>(start_frame),
                      first_frame + static_cast<size_t>(end_frame) + 1);
}

// The position in a.words of the word a SIL precedes, if the SIL lies between two aligned words.
bool inner_boundary(const Alignment& a, const AlignedPhone& sil, size_t& word_pos) {
  if (a.words.empty() || sil.end_frame < a.words.front().start_frame || sil.start_frame > a.words.back().end_frame)
    return false;
  for (size_t k = 0; k < a.words.size(); ++k)
    if (a.words[k].start_frame > sil.end_frame) {
      word_pos = k;
      return true;
    }
  return false;
}

// Loud frames in the SILs of `phones` within frames [from, to].
int loud_in_pauses(const std::vector<AlignedPhone>& phones, int from, int to, const std::vector<bool>& loud,
                   size_t first_frame) {
  int total = 0;
  for (const auto& p : phones) {
    const int start = std::max(p.start_frame, from), end = std::min(p.end_frame, to);
    if (p.phone == "SIL" && start <= end) total += loud_in(start, end, loud, first_frame);
  }
  return total;
}

bool over_speech(int loud_frames, int frames) {
  return loud_frames >= kMinLoudPauseFrames && 3 * loud_frames > frames && frames <= kMaxJudgedPauseFrames;
}

bool loud_at(int f, const std::vector<bool>& loud, size_t first_frame) {
  const size_t at = first_frame + static_cast<size_t>(f);
  return at < loud.size() && loud[at];
}

// The first frame after the last run of kQuietRunFrames quiet frames in
// [start, end] (end + 1 if the SIL ends quiet); -1 without such a run.
int after_last_quiet_run(int start, int end, const std::vector<bool>& loud, size_t first_frame) {
  int run = 0;
  for (int f = end; f >= start; --f) {
    run = loud_at(f, loud, first_frame) ? 0 : run + 1;
    if (run == kQuietRunFrames) return f + kQuietRunFrames;
  }
  return -1;
}

// The last frame before the first such run (start - 1 if the SIL starts quiet); -1 without one.
int before_first_quiet_run(int start, int end, const std::vector<bool>& loud, size_t first_frame) {
  int run = 0;
  for (int f = start; f <= end; ++f) {
    run = loud_at(f, loud, first_frame) ? 0 : run + 1;
    if (run == kQuietRunFrames) return f - kQuietRunFrames;
  }
  return -1;
}

// The part of SIL frames [start, end] that is judged, and its loud frames:
// all of a short SIL; of a long one the stretch after its last (before its
// first) run of kQuietRunFrames quiet frames, if that stretch is speech.
struct JudgedPart {
  bool speech = false;
  SpeechInPause where = SpeechInPause::Throughout;
  int loud_frames = 0;
};

JudgedPart judge_pause(int start, int end, const std::vector<bool>& loud, size_t first_frame) {
  const int frames = end - start + 1;
  if (frames <= kMaxJudgedPauseFrames) {
    const int n = loud_in(start, end, loud, first_frame);
    return {over_speech(n, frames), SpeechInPause::Throughout, n};
  }
  const int tail_begin = after_last_quiet_run(start, end, loud, first_frame);
  const int head_end = before_first_quiet_run(start, end, loud, first_frame);
  if (tail_begin < 0) return {};  // loud throughout: left to the hidden-speech check
  JudgedPart best;
  if (tail_begin <= end) {
    const int n = loud_in(tail_begin, end, loud, first_frame);
    if (over_speech(n, end - tail_begin + 1)) best = {true, SpeechInPause::AtEnd, n};
  }
  if (head_end >= start) {
    const int n = loud_in(start, head_end, loud, first_frame);
    if (over_speech(n, head_end - start + 1) && n > best.loud_frames) best = {true, SpeechInPause::AtStart, n};
  }
  return best;
}

// The speech SIL frames [start, end] end with: the frames after the last
// quiet run (all of them without one), from the first loud frame; {-1, -1}
// when that part is not speech by the rule above.
std::pair<int, int> speech_ending_pause(int start, int end, const std::vector<bool>& loud, size_t first_frame) {
  int b = after_last_quiet_run(start, end, loud, first_frame);
  if (b < 0) b = start;
  while (b <= end && !loud_at(b, loud, first_frame)) ++b;
  if (b > end || !over_speech(loud_in(b, end, loud, first_frame), end - b + 1)) return {-1, -1};
  return {b, end};
}

// Loudest 10 ms frame (mean square) of pcm frames [from, to]. Raw, not
// FrameActivity::db: that one is smoothed over 50 ms, which drags a word's
// energy into the frames after it. Only repairs read it, on a few frames.
double peak_power(std::span<const int16_t> pcm, int from, int to) {
  double peak = 0;
  for (int f = std::max(from, 0); f <= to; ++f) {
    const size_t b = static_cast<size_t>(f) * kFrameSamples, e = std::min(pcm.size(), b + kFrameSamples);
    double sum = 0;
    for (size_t i = b; i < e; ++i) sum += static_cast<double>(pcm[i]) * pcm[i];
    if (e > b) peak = std::max(peak, sum / static_cast<double>(e - b));
  }
  return peak;
}

// Whether a SIL that is not over speech lies between a.words[k - 1] and a.words[k].
bool quiet_pause_before(const Alignment& a, size_t k, const std::vector<bool>& loud, size_t first_frame) {
  for (const auto& p : a.phones)
    if (p.phone == "SIL" && p.start_frame > a.words[k - 1].end_frame && p.end_frame < a.words[k].start_frame)
      return !over_speech(loud_in(p.start_frame, p.end_frame, loud, first_frame), p.end_frame - p.start_frame + 1);
  return false;
}

// The SIL right before a.words[pos] (the leading SIL for the first word), if any.
const AlignedPhone* pause_before(const Alignment& a, size_t pos) {
  for (const auto& p : a.phones)
    if (p.phone == "SIL" && p.end_frame < a.words[pos].start_frame && (pos == 0 || p.start_frame > a.words[pos - 1].end_frame))
      return &p;
  return nullptr;
}

// Re-aligns the words around the pause before a.words[pos] without that pause
// (for a word that starts late: it and the next word, from the speech the
// pause before it ends with).
bool repair(ForcedAligner& aligner, std::span<const int16_t> pcm, std::span<const WordPronunciations> words,
            const std::vector<bool>& loud, size_t first_frame, const PauseOverSpeech& pause, size_t pos, Alignment& a) {
  const bool starts_late = pause.where == SpeechInPause::WordStartsLate;
  const size_t lo_pos = starts_late ? pos : pos < kRepairWordsEachSide ? 0 : pos - kRepairWordsEachSide;
  const size_t hi_pos = std::min(a.words.size(), pos + kRepairWordsEachSide) - 1;
  if (!words_in_a_row(a, lo_pos, hi_pos)) return false;
  const AlignedWord& first = a.words[lo_pos];
  const AlignedWord& last = a.words[hi_pos];
  int from = first.start_frame;
  const int to = last.end_frame;
  if (starts_late) {
    const AlignedPhone* sil = pause_before(a, pos);
    if (!sil) return false;
    const int b = speech_ending_pause(sil->start_frame, sil->end_frame, loud, first_frame).first;
    if (b < 0) return false;
    // The word's own sound, not a breath or a click before it: about as loud
    // as the word (kEdgeSpeechPowerRatio).
    if (peak_power(pcm, b, sil->end_frame) < peak_power(pcm, first.start_frame, first.end_frame) * kEdgeSpeechPowerRatio)
      return false;
    from = b;
  }
  const size_t n_words = last.index + 1 - first.index;
  const size_t begin = static_cast<size_t>(from) * kFrameSamples;
  const size_t end = std::min(pcm.size(), static_cast<size_t>(to + 1) * kFrameSamples);
  if (begin >= end) return false;
  // Pauses stay allowed only where the alignment already has a quiet one:
  // otherwise the pause just moves to the next boundary (measured); a long
  // pause with speech at one end may move one word towards its quiet end. A
  // word that starts late starts the stretch: no pause before it.
  const bool may_move = pause.where == SpeechInPause::AtEnd || pause.where == SpeechInPause::AtStart;
  const size_t moved_pause = pause.where == SpeechInPause::AtEnd ? pos - 1 : pos + 1;
  std::vector<size_t> no_pause;
  if (starts_late) no_pause.push_back(0);
  for (size_t k = lo_pos + 1; k <= hi_pos; ++k) {
    const bool forbid = (!starts_late && k == pos) ||
                        (!(may_move && k == moved_pause) && !quiet_pause_before(a, k, loud, first_frame));
    if (forbid) no_pause.push_back(a.words[k].index - first.index);
  }
  Alignment local = aligner.align(pcm.subspan(begin, end - begin), words.subspan(first.index, n_words), n_words,
                                  n_words, no_pause);
  if (!local.ok || local.words_used != n_words || !place_in_stretch(local, first.index, from, to)) return false;
  if (loud_in_pauses(local.phones, from, to, loud, first_frame) >=
      loud_in_pauses(a.phones, from, to, loud, first_frame))
    return false;
  splice_stretch(a, local, lo_pos, hi_pos, from, to);
  return true;
}

}  // namespace

std::vector<PauseOverSpeech> pauses_over_speech(const Alignment& a, const std::vector<bool>& loud, size_t first_frame) {
  std::vector<std::pair<int, PauseOverSpeech>> found;  // (loud frames, pause)
  for (const auto& p : a.phones) {
    size_t pos = 0;
    if (p.phone != "SIL" || !inner_boundary(a, p, pos)) continue;
    const JudgedPart judged = judge_pause(p.start_frame, p.end_frame, loud, first_frame);
    if (judged.speech) found.push_back({judged.loud_frames, {a.words[pos].index, judged.where}});
  }
  if (!a.words.empty() && a.phones.size() > 1) {
    const AlignedPhone& lead = a.phones.front();
    if (lead.phone == "SIL" && lead.end_frame < a.words.front().start_frame) {
      const auto [b, e] = speech_ending_pause(lead.start_frame, lead.end_frame, loud, first_frame);
      if (b >= 0)
        found.push_back({loud_in(b, e, loud, first_frame), {a.words.front().index, SpeechInPause::WordStartsLate}});
    }
  }
  std::stable_sort(found.begin(), found.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
  std::vector<PauseOverSpeech> out;
  for (const auto& f : found) out.push_back(f.second);
  return out;
}

void close_pauses_over_speech(ForcedAligner& aligner, std::span<const int16_t> pcm,
                              std::span<const WordPronunciations> words, const std::vector<bool>& loud,
                              size_t first_frame, Alignment& a) {
  int budget = kMaxRepairs;
  std::vector<PauseOverSpeech> tried;  // each pause is tried once
  while (budget > 0) {
    bool repaired = false;
    for (const PauseOverSpeech& pause : pauses_over_speech(a, loud, first_frame)) {
      if (std::find(tried.begin(), tried.end(), pause) != tried.end()) continue;
      tried.push_back(pause);
      const auto at =
          std::find_if(a.words.begin(), a.words.end(), [&](const AlignedWord& w) { return w.index == pause.word; });
      if (at == a.words.end()) continue;
      --budget;
      const auto pos = static_cast<size_t>(at - a.words.begin());
      repaired = repair(aligner, pcm, words, loud, first_frame, pause, pos, a);
      // Speech at a long pause's end that no word moved across: the word after it starts late.
      if (!repaired && pause.where == SpeechInPause::AtEnd && budget > 0) {
        --budget;
        repaired = repair(aligner, pcm, words, loud, first_frame, {pause.word, SpeechInPause::WordStartsLate}, pos, a);
      }
      if (repaired || budget == 0) break;
    }
    if (!repaired) return;
  }
}

}  // namespace facecast::speech
