// Speech that a forced alignment labelled SIL (or gave to its extra-speech
// loop: speech, but no transcript word). When an utterance may end at
// any word of a window, the path that takes too few words can hide the rest of
// the speech in one long SIL: measured on espeak (en, 175 wpm), 3.4 s of
// speech went to SIL, 8 words were pushed into the next utterance, which then
// had no path at all and fell back to evenly spread phones.
#pragma once
#include <vector>

#include "speech/forced_aligner.h"

namespace facecast::speech {

struct HiddenSpeech {
  int longest_frames = 0;  // voiced frames inside the worst single SIL
  int hidden_frames = 0;   // voiced frames inside all SILs
  int spoken_frames = 0;   // voiced frames inside phones
  int trailing_frames = 0; // voiced frames inside the final SIL (0 if the last phone is not SIL)
};

// voiced: per 10 ms frame of the whole input (FrameActivity::voiced);
// first_frame: the utterance's first frame in it.
HiddenSpeech find_hidden_speech(const Alignment& a, const std::vector<bool>& voiced, size_t first_frame);

// How many more words the hidden speech likely holds, at the rate of the
// aligned words; at least one. Half of the estimate, so the retry's window
// still lets the aligner choose.
size_t likely_hidden_words(const HiddenSpeech& h, size_t words_used);

}  // namespace facecast::speech
