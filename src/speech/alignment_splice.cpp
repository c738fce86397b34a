#include "speech/alignment_splice.h"

#include <algorithm>

namespace facecast::speech {

bool words_in_a_row(const Alignment& a, size_t lo_pos, size_t hi_pos) {
  return hi_pos < a.words.size() && lo_pos <= hi_pos && a.words[hi_pos].index - a.words[lo_pos].index == hi_pos - lo_pos;
}

bool place_in_stretch(Alignment& local, size_t first_index, int from, int to) {
  for (auto& p : local.phones) {
    p.start_frame += from;
    p.end_frame = std::min(p.end_frame + from, to);
  }
  local.phones.erase(std::remove_if(local.phones.begin(), local.phones.end(),
                                    [](const AlignedPhone& p) { return p.start_frame > p.end_frame; }),
                     local.phones.end());
  if (local.phones.empty()) return false;
  local.phones.front().start_frame = from;
  local.phones.back().end_frame = to;
  for (auto& w : local.words) {
    w.index += first_index;
    w.start_frame += from;
    w.end_frame = std::min(w.end_frame + from, to);
  }
  return true;
}

void splice_stretch(Alignment& a, const Alignment& local, size_t lo_pos, size_t hi_pos, int from, int to) {
  std::vector<AlignedPhone> phones;
  for (auto p : a.phones) {
    p.end_frame = std::min(p.end_frame, from - 1);
    if (p.start_frame <= p.end_frame) phones.push_back(p);
  }
  phones.insert(phones.end(), local.phones.begin(), local.phones.end());
  for (auto p : a.phones) {
    p.start_frame = std::max(p.start_frame, to + 1);
    if (p.start_frame <= p.end_frame) phones.push_back(p);
  }
  std::vector<AlignedWord> words(a.words.begin(), a.words.begin() + static_cast<long>(lo_pos));
  const size_t first_local = words.size();
  words.insert(words.end(), local.words.begin(), local.words.end());
  // Words follow their phones where the first and last phone were stretched
  // to the stretch's edges (a word ending a frame short would leave a gap, and
  // a later splice ending at it would drop a frame from the timeline).
  if (!local.words.empty()) {
    const auto in_word = [](const AlignedPhone& p) { return p.phone != "SIL" && !p.extra; };
    if (in_word(local.phones.front())) words[first_local].start_frame = from;
    if (in_word(local.phones.back())) words.back().end_frame = to;
  }
  words.insert(words.end(), a.words.begin() + static_cast<long>(hi_pos) + 1, a.words.end());
  a.phones = std::move(phones);
  a.words = std::move(words);
}

}  // namespace facecast::speech
