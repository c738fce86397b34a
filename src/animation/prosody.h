// Prosody of the voice, for the face above the lips: pitch (F0 by the YIN
// method on audio decimated to 8 kHz) and loudness, in 10 ms hops, each
// relative to the speaker as heard so far (running medians), so a pitch accent
// is "higher than this voice usually is" whatever the voice. Causal: the value
// at t needs audio up to t + kLookahead and depends only on hops up to t, so a
// live stream and a file give the same result.
#pragma once
#include <array>
#include <cstdint>
#include <span>
#include <vector>

namespace facecast::animation {

constexpr float kAccentPitch = 1.5f;  // semitones above the speaker's median
constexpr float kAccentLoud = 3.0f;   // or dB above the running level

struct ProsodyFrame {
  bool voiced = false;
  float f0 = 0;      // Hz, 0 when unvoiced
  float pitch = 0;   // semitones above the speaker's median voiced pitch so far, 0 when unvoiced
  float energy = 0;  // dB above the running median level of the sounding hops (negative = quieter)
  // Voice onsets (voiced after >= 30 ms unvoiced) in the 10 ms hops since the
  // previous frame: counted on every hop, so a syllable rate from them does not
  // depend on the frame rate (sampling `voiced` per frame missed short gaps at
  // 24 fps, and auto emotion turned sadder than at 60).
  int voice_onsets = 0;
  // Accents (a voiced hop kAccentPitch semitones higher or kAccentLoud dB
  // louder than usual, after one that was not) in the hops since the previous
  // frame, and the most prominent one's pitch and energy. Judged on every hop
  // like voice_onsets: judged on the hop each frame samples, a 30 ms accent
  // between two frames was missed at 24 fps, and runs merged or split with
  // the frame rate (real speech: 99 / 95 / 102 accents at 24 / 30 / 60 fps).
  int accents = 0;
  float accent_pitch = 0;
  float accent_energy = 0;
};

class ProsodyTracker {
 public:
  static constexpr double kLookahead = 0.025;  // seconds of audio needed past a frame
  static constexpr double kHopSeconds = 0.01;  // hop_at() relies on this value

  ProsodyTracker();
  void push(std::span<const float> pcm16k);
  void finish();
  bool ready_for(double t) const;
  // The hop containing time t.
  static std::int64_t hop_at(double t);
  // Call with non-decreasing hops; accents and voice onsets count the hops
  // since the previous call.
  ProsodyFrame at_hop(std::int64_t index);
  ProsodyFrame at(double t) { return at_hop(hop_at(t)); }

 private:
  struct Hop {
    float f0 = 0;           // Hz, 0 = unvoiced
    float level_db = -120;  // mean power of the hop
  };
  // A running median over a fixed histogram (no allocation per hop).
  struct Median {
    static constexpr int kBins = 200;
    double lowest = 0, step = 1;
    std::array<std::uint32_t, kBins> counts{};
    std::uint64_t total = 0;
    void add(double value);
    double get() const;
  };

  void analyse_ready_hops();
  Hop analyse(std::int64_t hop) const;
  float sample8k(std::int64_t i) const;  // 0 outside the audio

  std::vector<float> x8_;      // audio at 8 kHz from sample index x8_base_
  std::int64_t x8_base_ = 0;
  std::int64_t x8_count_ = 0;  // samples at 8 kHz received in all
  float pending_ = 0;          // odd 16 kHz sample waiting for its pair
  bool has_pending_ = false;
  std::vector<Hop> hops_;      // from hop index hops_base_
  std::int64_t hops_base_ = 0;
  bool finished_ = false;
  mutable std::vector<float> diff_;  // YIN difference function, sized once
  Median pitch_median_;   // semitones re 100 Hz
  Median level_median_;   // dB
  std::int64_t next_to_count_ = 0;
  int unvoiced_hops_ = 1 << 20;  // before the first hop: as after a long pause
  bool accented_ = false;         // the last hop counted was accented
};

}  // namespace facecast::animation
