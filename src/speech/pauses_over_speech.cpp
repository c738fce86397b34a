#include "speech/pauses_over_speech.h"

#include <algorithm>

#include "speech/voice_activity.h"

namespace facecast::speech {
namespace {

// Words each side of the pause that are aligned again with it: the squeezed
// run after a false pause spans two or three words.
constexpr size_t kRepairWordsEachSide = 2;
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

// Loud frames in the SILs of `phones` that lie inside frames [from, to].
int loud_in_pauses(const std::vector<AlignedPhone>& phones, int from, int to, const std::vector<bool>& loud,
                   size_t first_frame) {
  int total = 0;
  for (const auto& p : phones)
    if (p.phone == "SIL" && p.start_frame >= from && p.end_frame <= to)
      total += loud_in(p.start_frame, p.end_frame, loud, first_frame);
  return total;
}

bool over_speech(int loud_frames, int frames) {
  return loud_frames >= kMinLoudPauseFrames && 3 * loud_frames > frames && frames <= kMaxJudgedPauseFrames;
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
  const auto is_loud = [&](int f) {
    const size_t at = first_frame + static_cast<size_t>(f);
    return at < loud.size() && loud[at];
  };
  const int frames = end - start + 1;
  if (frames <= kMaxJudgedPauseFrames) {
    const int n = loud_in(start, end, loud, first_frame);
    return {over_speech(n, frames), SpeechInPause::Throughout, n};
  }
  // Quiet runs seen from each end.
  int tail_begin = -1, run = 0;
  for (int f = end; f >= start && tail_begin < 0; --f) {
    run = is_loud(f) ? 0 : run + 1;
    if (run == kQuietRunFrames) tail_begin = f + kQuietRunFrames;
  }
  int head_end = -1;
  run = 0;
  for (int f = start; f <= end && head_end < 0; ++f) {
    run = is_loud(f) ? 0 : run + 1;
    if (run == kQuietRunFrames) head_end = f - kQuietRunFrames;
  }
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

// Whether a SIL that is not over speech lies between a.words[k - 1] and a.words[k].
bool quiet_pause_before(const Alignment& a, size_t k, const std::vector<bool>& loud, size_t first_frame) {
  for (const auto& p : a.phones)
    if (p.phone == "SIL" && p.start_frame > a.words[k - 1].end_frame && p.end_frame < a.words[k].start_frame)
      return !over_speech(loud_in(p.start_frame, p.end_frame, loud, first_frame), p.end_frame - p.start_frame + 1);
  return false;
}

// Re-aligns the words around the pause before a.words[pos] without that pause.
bool repair(ForcedAligner& aligner, std::span<const int16_t> pcm, std::span<const WordPronunciations> words,
            const std::vector<bool>& loud, size_t first_frame, size_t pos, SpeechInPause where, Alignment& a) {
  const size_t lo_pos = pos >= kRepairWordsEachSide ? pos - kRepairWordsEachSide : 0;
  const size_t hi_pos = std::min(a.words.size(), pos + kRepairWordsEachSide) - 1;
  const AlignedWord& first = a.words[lo_pos];
  const AlignedWord& last = a.words[hi_pos];
  const int from = first.start_frame, to = last.end_frame;
  const size_t n_words = last.index + 1 - first.index;
  const size_t begin = static_cast<size_t>(from) * kFrameSamples;
  const size_t end = std::min(pcm.size(), static_cast<size_t>(to + 1) * kFrameSamples);
  if (begin >= end) return false;
  // Pauses stay allowed only where the alignment already has a quiet one:
  // otherwise the pause just moves to the next boundary (measured); a long
  // pause with speech at one end may move one word towards its quiet end.
  const size_t moved_pause = where == SpeechInPause::AtEnd ? pos - 1 : where == SpeechInPause::AtStart ? pos + 1 : pos;
  std::vector<size_t> no_pause;
  for (size_t k = lo_pos + 1; k <= hi_pos; ++k)
    if (k == pos || (k != moved_pause && !quiet_pause_before(a, k, loud, first_frame)))
      no_pause.push_back(a.words[k].index - first.index);
  Alignment local = aligner.align(pcm.subspan(begin, end - begin), words.subspan(first.index, n_words), n_words,
                                  n_words, no_pause);
  if (!local.ok || local.words_used != n_words) return false;
  for (auto& p : local.phones) {
    p.start_frame += from;
    p.end_frame = std::min(p.end_frame + from, to);
  }
  local.phones.erase(std::remove_if(local.phones.begin(), local.phones.end(),
                                    [](const AlignedPhone& p) { return p.start_frame > p.end_frame; }),
                     local.phones.end());
  if (local.phones.empty()) return false;
  // The decoder's last frame can fall short of the stretch's: no gap in the timeline.
  local.phones.front().start_frame = from;
  local.phones.back().end_frame = to;
  if (loud_in_pauses(local.phones, from, to, loud, first_frame) >=
      loud_in_pauses(a.phones, from, to, loud, first_frame))
    return false;

  std::vector<AlignedPhone> phones;
  for (const auto& p : a.phones)
    if (p.end_frame < from) phones.push_back(p);
  phones.insert(phones.end(), local.phones.begin(), local.phones.end());
  for (const auto& p : a.phones)
    if (p.start_frame > to) phones.push_back(p);
  std::vector<AlignedWord> aligned;
  aligned.insert(aligned.end(), a.words.begin(), a.words.begin() + static_cast<long>(lo_pos));
  for (auto w : local.words) {
    w.index += first.index;
    w.start_frame += from;
    w.end_frame = std::min(w.end_frame + from, to);
    aligned.push_back(w);
  }
  // Words follow their phones where the first and last phone were stretched
  // to the stretch's edges (a word ending a frame short would leave a gap, and
  // a later repair ending at it would drop a frame from the timeline).
  if (!local.words.empty()) {
    if (local.phones.front().phone != "SIL") aligned[lo_pos].start_frame = from;
    if (local.phones.back().phone != "SIL") aligned.back().end_frame = to;
  }
  aligned.insert(aligned.end(), a.words.begin() + static_cast<long>(hi_pos) + 1, a.words.end());
  a.phones = std::move(phones);
  a.words = std::move(aligned);
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
  std::stable_sort(found.begin(), found.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
  std::vector<PauseOverSpeech> out;
  for (const auto& f : found) out.push_back(f.second);
  return out;
}

void close_pauses_over_speech(ForcedAligner& aligner, std::span<const int16_t> pcm,
                              std::span<const WordPronunciations> words, const std::vector<bool>& loud,
                              size_t first_frame, Alignment& a) {
  int budget = kMaxRepairs;
  std::vector<size_t> tried;  // word indices: each pause is tried once
  while (budget > 0) {
    bool repaired = false;
    for (const PauseOverSpeech& pause : pauses_over_speech(a, loud, first_frame)) {
      if (std::find(tried.begin(), tried.end(), pause.word) != tried.end()) continue;
      tried.push_back(pause.word);
      const auto at =
          std::find_if(a.words.begin(), a.words.end(), [&](const AlignedWord& w) { return w.index == pause.word; });
      if (at == a.words.end()) continue;
      --budget;
      repaired = repair(aligner, pcm, words, loud, first_frame, static_cast<size_t>(at - a.words.begin()), pause.where, a);
      if (repaired || budget == 0) break;
    }
    if (!repaired) return;
  }
}

}  // namespace facecast::speech
