// Phrases: runs of speech separated by pauses of kPhrasePause or more. The face
// marks their edges (blinks and look-aways at phrase starts, the head settling
// at phrase ends, a tilt after a question). Causal, fed every kFaceTick (the
// prosody hop) whatever the frame rate, so the phrases and the question test
// (a slope over the voiced hops) are the same at every frame rate.
#pragma once
#include <array>

#include "animation/prosody.h"

namespace facecast::animation {

struct PhraseState {
  bool speaking = false;        // inside a phrase (short gaps included)
  bool phrase_started = false;  // this instant begins a phrase
  bool phrase_ended = false;    // the pause after a phrase has just reached kPhrasePause
  bool question = false;        // with phrase_ended: the phrase ended on a pitch rise
  double phrase_start = 0;      // time the current (or last) phrase began
  double phrase_end = 0;        // time the last phrase's speech stopped
};

class Phrasing {
 public:
  static constexpr double kPhrasePause = 0.30;   // seconds of silence that end a phrase
  static constexpr double kRiseWindow = 0.50;    // final stretch of voicing judged for a rise
  static constexpr double kQuestionSlope = 5.0;  // semitones per second of final rise
  static constexpr double kQuestionHeight = 1.0; // final pitch above the speaker's median, semitones

  // speech: 0..1 (silence .. speech) at time t; called in time order.
  const PhraseState& update(double t, float speech, const ProsodyFrame& prosody);

 private:
  bool rose_at_end() const;

  PhraseState state_;
  bool in_phrase_ = false;
  double last_speech_ = -1e9;
  // The latest voiced frames of the phrase (time, pitch), a ring.
  std::array<std::array<double, 2>, 64> voiced_{};
  int voiced_count_ = 0;
  int voiced_next_ = 0;
};

}  // namespace facecast::animation
