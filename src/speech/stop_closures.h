// A stop's closure belongs to the stop. Its closure is (nearly) silent, so
// where the grammar allows a pause between words (forced alignment) or
// anywhere (allphone) the decoder labels it SIL and gives the stop only its
// burst. The face then rests for a moment and reopens inside a "k" or "p"
// between words ("a cat": open, shut, open), and the stop's own shape
// comes too late. Phonetic labelling conventions (TIMIT and the like) put the
// closure in the stop; this does the same for short pauses.
#pragma once
#include <vector>

#include "core/timeline.h"

namespace facecast::speech {

// A SIL of at most kMaxClosurePauseS directly before a stop or affricate
// (P B T D K G CH JH) gives its last kStopClosureS (all of it, if shorter) to
// that stop; a word starting at the stop starts with it. Longer pauses are
// real pauses: the mouth rests in them. Measured on the bench sets (+-20 ms
// visemes, align): espeak 93.8 -> 94.6 %, p/b/m precision 97.3 -> 97.9 %;
// flite and the rest in silence unchanged (flite inserts no such pauses).
inline constexpr double kMaxClosurePauseS = 0.2;
inline constexpr double kStopClosureS = 0.08;

// A SIL of at most kMaxReleasePauseS (times the speech's slowness: its mean
// phone length over ordinary speech's, 1-2) directly after a stop, before
// another sound (not a stop or M), is the stop held: slow speech releases
// stops late, the aligner calls the silence SIL, and the face closed there
// (espeak en-us at 110 wpm: p/b/m precision 81.8 %). Measured (align, +-20 ms,
// p/b/m precision): espeak 95.3 -> 95.5 %, 98.6 -> 100 %; unseen espeak
// 94.3 -> 94.2 %, 97.9 -> 98.8 %; the rates set 93.3 -> 93.8 %, 92.5 -> 97.6 %
// (110 wpm: 91.4 -> 92.5 %, 81.8 -> 94.7 %); flite and real speech unchanged.
// At 0.15 s without the slowness: unseen espeak 93.8 % (its 142 ms pauses
// between words are real); 0.10: 94.2 %, 98.8 %, rates 95.8 % precision.
inline constexpr double kMaxReleasePauseS = 0.12;

// phones: contiguous, sorted (SpeechTimeline::phones); words: sorted.
void give_closures_to_stops(std::vector<PhoneSegment>& phones, std::vector<WordSegment>& words);

}  // namespace facecast::speech
