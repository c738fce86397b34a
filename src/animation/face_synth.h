// Face synthesis: timed phones + audio -> per-frame ARKit and viseme weights.
// Frame-based with opaque state (create, push, pull) so files and live streams
// share one implementation; no allocation per frame once running.
#pragma once
#include <memory>
#include <span>
#include <vector>

#include "animation/emotion_track.h"
#include "core/animation.h"
#include "core/settings.h"

namespace facecast::animation {

// A frame at time t can be computed once phones are known (final or
// tentative) up to t + kLookaheadSeconds and audio has arrived up to t + 45 ms:
// the live delay face synthesis adds. It bounds how far coarticulation may
// anticipate (lip rounding would reach 80 ms; 40 ms keeps the live path fast).
inline constexpr double kLookaheadSeconds = 0.040;

class FaceSynth {
 public:
  explicit FaceSynth(const FaceSettings& settings);
  ~FaceSynth();
  FaceSynth(const FaceSynth&) = delete;
  FaceSynth& operator=(const FaceSynth&) = delete;

  // 16 kHz mono audio, in order (drives loudness and prosody).
  void push_audio(std::span<const float> pcm16k);
  // Offline, before any push: the whole input, so loudness is judged against
  // its level from the first frame (live judges it against what it has heard
  // so far). The audio must still be pushed.
  void preview_audio(std::span<const float> pcm16k);
  // Live: new controls and emotion for the frames still to come (fps cannot
  // change). Throws Error(InvalidArgument) for values out of range.
  void configure(const FaceSettings& settings);
  // Offline, before any push: keep every phrase's estimate for
  // emotion_estimates() (a stream keeps none: they would pile up for as long
  // as it runs, one per phrase).
  void keep_emotion_estimates();
  // With emotion `auto` and keep_emotion_estimates(): the estimate of every
  // phrase finished so far.
  const std::vector<PhraseEmotion>& emotion_estimates() const;
  // Phones in time order; the timeline is complete up to final_until seconds.
  // Pushed phones are final; time before final_until that no phone covers is
  // silence, so final_until must not pass the start of a phone still to come. Throws Error(InvalidArgument) naming the phone for unknown phones,
  // bad times, or phones that start inside the already-final timeline.
  void push_phones(std::span<const PhoneSegment> phones, double final_until);
  // Live only: the best current guess of the phones after the final timeline,
  // covering up to `until` (gaps are silence). It replaces the previous guess,
  // and the next push_phones drops it. Frames already pulled never change;
  // a revised guess only affects later frames. Same checks as push_phones.
  void push_tentative_phones(std::span<const PhoneSegment> phones, double until);
  // Appends every frame that is computable (see kLookaheadSeconds) to out;
  // frames, once pulled, never change. Returns how many.
  std::size_t pull(std::vector<FaceFrame>& out);
  // No more input: the next pull returns all remaining frames up to the audio's
  // end (ceil(duration * fps) frames in all; without audio, the end of the
  // last phone that is not silence).
  void finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Offline convenience: the same FaceSynth run to the end, the audio previewed
// (so only its loudness may differ from a live stream's). With emotion `auto`
// it runs twice: the first pass estimates each phrase's emotion (causally, at
// the phrase's end), the second applies those estimates from each phrase's
// start, as keys. `emotion_used`, if given, receives the emotion as keys
// (constants: one key at 0; keys: as given; auto: the estimates).
std::vector<FaceFrame> synthesize(const SpeechTimeline& speech, std::span<const float> pcm16k,
                                  const FaceSettings& settings, std::vector<EmotionKey>* emotion_used = nullptr);

}  // namespace facecast::animation
