// espeak-ng writes a stop's silent closure (its "prepause", exact zero samples)
// BEFORE it emits the stop's phoneme event (synthesize.c: DoPause, then
// DoPhonemeMarker), so the event marks the release and the closure would be
// counted in the previous phone. For p/b/m scoring the closure is the point.
#pragma once
#include "espeak/espeak_synth.h"

namespace facecast::bench {

// Longest closure moved into a stop; longer zero runs are pauses (the closure is
// then taken as its last kMaxClosure seconds).
constexpr double kMaxClosure = 0.080;

// Moves the start of every stop and affricate (p b t d k g tS dZ) back over the run
// of exact zero samples that ends at its event, never past the previous phoneme's start.
void move_stops_to_closure_onset(EspeakSentence& sentence, int sample_rate);

}  // namespace facecast::bench
