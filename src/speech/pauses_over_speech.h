// Pauses a forced alignment put over speech. The grammar allows a SIL at every
// word boundary; on a voice the acoustic model fits poorly the aligner may take
// one where the voice goes on and squeeze the next words into too little time
// (espeak en+m7 140 wpm: SILs of 60-310 ms over speech, each followed by a run
// of 30 ms phones). Only for a transcript: when the recogniser chose the words,
// speech in a pause is usually a word it missed, and closing the pause stretches
// wrong words over it (measured: espeak p/b/m recall 74 -> 63 %).
#pragma once
#include <span>
#include <vector>

#include "speech/forced_aligner.h"

namespace facecast::speech {

// A SIL between two words is judged to be speech when it has at least
// kMinLoudPauseFrames loud frames and more than a third of its frames are loud
// (real pauses: 0-15 %, the speech detector's edges; a SIL over a stop and the
// vowel after it: 35-60 %).
// SILs longer than kMaxJudgedPauseFrames are judged by their ends only: the
// stretch after the last (before the first) kQuietRunFrames quiet frames in a
// row, when it is speech by the rule above, is a word moved across a real
// pause ("lamp? Her brother": "her" aligned before the pause, the pause over
// it). A long SIL loud throughout is more likely a sound the transcript does
// not hold (a laugh, an "um") than a misplaced boundary, and is left alone
// (hidden_speech.h handles words hidden in them).
constexpr int kMinLoudPauseFrames = 5;
constexpr int kMaxJudgedPauseFrames = 35;
constexpr int kQuietRunFrames = 10;

// Where the speech lies in a judged SIL.
enum class SpeechInPause {
  Throughout,  // a short SIL: the voice goes on through it
  AtEnd,       // a long SIL ending in speech: the word before it belongs after the pause
  AtStart,     // a long SIL starting with speech: the word after it belongs before the pause
  // The SIL before a word ends with speech: the word starts late (espeak:
  // "judge" found 150 ms into its loud onset after a 2 s pause). Reported for
  // the utterance's leading SIL (judged on the frames after its last quiet
  // run, from the first loud one, by the rule above) and tried for an AtEnd
  // pause whose repair fails (no word moved across it); the repair also wants
  // the speech about as loud as the word. Trailing SILs are left to the joins
  // (transcript_aligner.h): utterance ends hold breaths and noise tails the
  // loudness mask calls speech.
  WordStartsLate,
};

struct PauseOverSpeech {
  size_t word = 0;  // index (into the words passed to align()) of the word the SIL precedes
  SpeechInPause where = SpeechInPause::Throughout;
  bool operator==(const PauseOverSpeech&) const = default;
};

// Such SILs, the one with most loud frames in its judged part first. loud: per
// 10 ms frame of the whole input (FrameActivity::loud); first_frame: the
// utterance's first frame in it.
std::vector<PauseOverSpeech> pauses_over_speech(const Alignment& a, const std::vector<bool>& loud, size_t first_frame);

// Aligns the few words around each such pause again without a pause at that
// boundary (a short stretch: cheap, and the rest of the utterance keeps its
// alignment; for speech at a long SIL's end or start the pause may move one
// word back or on), and keeps the new stretch when less speech stays in pauses.
// pcm: the utterance `a` was aligned on; words: the list passed to that align().
void close_pauses_over_speech(ForcedAligner& aligner, std::span<const int16_t> pcm,
                              std::span<const WordPronunciations> words, const std::vector<bool>& loud,
                              size_t first_frame, Alignment& a);

}  // namespace facecast::speech
