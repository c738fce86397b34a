// Replacing a stretch of an utterance's alignment with a local one: a few
// words aligned again over their own frames (pauses over speech, speech the
// transcript lacks), the rest of the utterance keeping its alignment.
#pragma once
#include <cstddef>

#include "speech/forced_aligner.h"

namespace facecast::speech {

// a.words[lo_pos..hi_pos] are consecutive transcript words: none between
// them was left unspoken (ForcedAligner::set_word_skips). A stretch that
// skips words cannot be aligned again as one list of words.
bool words_in_a_row(const Alignment& a, size_t lo_pos, size_t hi_pos);

// local: an alignment of the words a.words[lo_pos..hi_pos] (first word index
// a.words[lo_pos].index) over frames [from, to] of a's utterance, its frame 0
// at `from`. Moves it to the utterance's frames and word indices, clipped at
// `to`, its first and last phone reaching the stretch's edges (the decoder's
// last frame can fall short: no gap in the timeline). False when no phone is left.
bool place_in_stretch(Alignment& local, size_t first_index, int from, int to);

// Puts a placed local alignment (place_in_stretch) in place of a's phones in
// [from, to] and of a.words[lo_pos..hi_pos]; the SIL reaching into the
// stretch is cut at it.
void splice_stretch(Alignment& a, const Alignment& local, size_t lo_pos, size_t hi_pos, int from, int to);

}  // namespace facecast::speech
