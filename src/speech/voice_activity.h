// Energy-based voice-activity detection and utterance cutting. Thresholds are
// set relative to the input's own noise floor and speech level, so they do
// not depend on recording level.
#pragma once
#include <span>
#include <vector>

#include "core/settings.h"

namespace facecast::speech {

constexpr int kSampleRate = 16000;
constexpr int kFrameSamples = 160;  // 10 ms, PocketSphinx's frame rate
constexpr double kFrameSeconds = 0.01;
// PocketSphinx computes frame n from a 25.625 ms window starting at n x 10 ms
// (the en-us model's -wlen), so the boundary between frames n-1 and n lies
// halfway between their window centres: n x 10 ms + 7.8 ms. Reading it as
// n x 10 ms put every boundary early (measured against true phone timings on
// 11 synthetic voices: -7.5 ms flite, -11 ms espeak in align mode).
constexpr double kBoundaryOffsetSeconds = (0.025625 - kFrameSeconds) / 2;

// One input's 10 ms frames, analysed once and shared by the chunking and the
// checks that read speech activity.
struct FrameActivity {
  std::vector<double> db;    // energy, 50 ms smoothing
  std::vector<bool> loud;    // above the speech threshold
  std::vector<bool> voiced;  // loud, with a 50 ms hangover each side: speech is likely
};
FrameActivity analyse_frames(std::span<const float> pcm16k);

// How many frames of mask[begin, end) are set (end may pass the mask's size).
int count_frames(const std::vector<bool>& mask, size_t begin, size_t end);

// A stretch of audio decoded as one utterance, in samples [begin, end).
struct Chunk {
  size_t begin = 0;
  size_t end = 0;
};

// Cuts input into chunks: speech runs separated by pauses of at least
// settings.utterance_pause_s, merged while the merged span stays within
// settings.max_utterance_s and no pause inside is longer than kMaxInnerPauseS
// (long silences stay out of every chunk, so they cannot skew normalisation);
// speech longer than max_utterance_s is cut at its quietest frame. Chunks keep
// a little silence on each side. Sorted, disjoint; empty for silence only.
constexpr double kMaxInnerPauseS = 2.0;
std::vector<Chunk> cut_into_chunks(const FrameActivity& activity, size_t samples, const SpeechSettings& settings);
std::vector<Chunk> cut_into_chunks(std::span<const float> pcm16k, const SpeechSettings& settings);

}  // namespace facecast::speech

namespace facecast::speech {

// Online version for live streams: the same relative thresholds, with the
// noise floor and speech level tracked as audio comes (floor falls fast and
// rises slowly; level rises fast, from speech only, and decays slowly). One
// 10 ms frame at a time.
//
// `heard` is every frame over the threshold, with a hangover: what the live
// decoder is given. `speech` is what the face shows: after a pause of at
// least kOnsetAfterQuietFrames past the 50 ms hangover (200 ms since the last
// loud frame), sound is speech only if kOnsetLoudFrames of
// the kOnsetWindowFrames from its first loud frame are over the threshold,
// the last one too. A key press or a tap on the microphone has died away by
// then; the decoder called such bursts TH, P or D and the mouth opened for
// 60-100 ms in a pause. The verdict then covers the window's earlier frames;
// the face shows a frame only once the decoder is 6 frames past it, so the
// wait adds no latency. After a shorter pause (a stop's closure) 2 of the 3
// frames from the first loud one must be loud: a release goes on into the
// next sound, a click after the last word does not (real speech, bench_live:
// a click 120 ms after a sentence showed as F for 60 ms).
struct LiveVoiceVerdict {
  bool heard = false;
  bool speech = false;     // this frame
  int earlier_frames = 0;  // the frames just before this one are speech as well
};

class LiveVoiceActivity {
 public:
  static constexpr int kOnsetAfterQuietFrames = 15;
  static constexpr int kOnsetWindowFrames = 6;
  static constexpr int kOnsetLoudFrames = 4;
  static constexpr int kReleaseWindowFrames = 3;
  static constexpr int kReleaseLoudFrames = 2;
  // mean_square: mean of squared samples over one 10 ms frame.
  LiveVoiceVerdict push_frame(double mean_square);

 private:
  double floor_db_ = 0;
  double peak_db_ = -200;
  bool started_ = false;
  int heard_hangover_ = 0;
  int speech_hangover_ = 0;
  int quiet_frames_ = kOnsetAfterQuietFrames;  // since the last speech (a stream starts in a pause)
  int onset_frames_ = 0;                       // since a loud frame after a pause, 0: none
  int onset_loud_frames_ = 0;                  // loud ones among them
  double onset_peak_db_ = -200;                // their loudest, for the speech level once confirmed
};

}  // namespace facecast::speech
