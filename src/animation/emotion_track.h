// The emotion at each frame: constants, keyframes, or `auto` — an estimate per
// phrase from the voice's prosody. What `auto` can and cannot tell: prosody
// carries arousal (lively pitch, loudness, fast syllables vs flat, quiet,
// slow), not which emotion a speaker feels. So it only ever proposes joy,
// amazement, anger and sadness, at moderate weights, from how this phrase
// compares with neutral read speech:
//   pitch range (std dev, semitones; ~2.5 neutral), pitch level and loudness
//   relative to the speaker so far, and syllable rate (voiced onsets/s; ~4).
// Live, a phrase's estimate applies from its end (blended over 0.8 s); files
// get a second pass that moves each estimate to its phrase's start.
#pragma once
#include <vector>

#include "animation/phrasing.h"
#include "animation/prosody.h"
#include "core/emotion.h"
#include "core/settings.h"

namespace facecast::animation {

struct PhraseEmotion {
  double start = 0, end = 0;  // the phrase, seconds
  EmotionWeights weights{};
};

class EmotionTrack {
 public:
  static constexpr double kLiveBlend = 0.8;    // seconds over which a live estimate takes over
  static constexpr double kChangeBlend = 0.3;  // seconds over which configure()'s new emotion takes over

  explicit EmotionTrack(const FaceSettings& settings);
  // New inputs mid-stream (live): later frames ease into them over kChangeBlend.
  void configure(const FaceSettings& settings);
  // Auto: the phrase and prosody at every kFaceTick, in time order (the
  // statistics of a phrase are then the same at every frame rate).
  void tick(double t, const PhraseState& phrase, const ProsodyFrame& prosody);
  // The emotion at frame time t, scaled by emotion_strength. Frames in time
  // order, each after the ticks up to its time.
  const EmotionWeights& next(double t);
  // The input has ended: a phrase still in progress (no pause after it yet)
  // gets its estimate too. After the last frame.
  void end_of_input();
  // Auto: one estimate per phrase, in order, once keep_estimates() was called
  // (offline: a stream would collect them for as long as it runs).
  void keep_estimates() { keep_estimates_ = true; }
  const std::vector<PhraseEmotion>& estimates() const { return estimates_; }

 private:
  EmotionWeights estimate() const;

  EmotionMode mode_ = EmotionMode::Constant;
  EmotionWeights constant_{};
  std::vector<EmotionKey> keys_;  // Keys mode, or the live auto blend
  std::size_t cursor_ = 0;
  float strength_ = 1;
  EmotionWeights current_{};
  EmotionWeights raw_{};                 // the unscaled emotion of the last frame
  double last_time_ = 0;
  EmotionWeights change_from_{};         // what showed when configure() was called
  double change_at_ = -1e9;
  std::vector<PhraseEmotion> estimates_;
  bool keep_estimates_ = false;
  // Statistics of the phrase in progress (auto).
  int ticks_ = 0, voiced_ = 0, onsets_ = 0;
  double pitch_sum_ = 0, pitch_sq_ = 0, energy_sum_ = 0;
  bool phrase_open_ = false;    // a phrase has started and not yet ended
  double open_start_ = 0, open_end_ = 0;  // its start and the end of its last speaking tick
};

}  // namespace facecast::animation
