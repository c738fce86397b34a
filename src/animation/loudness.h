// Loudness of the input, normalised per input so the recording level does not
// matter: the RMS envelope in 10 ms hops, smoothed over 50 ms, compared with a
// running median of the levels heard so far (a histogram, so no
// allocation per frame). Causal up to kLookahead, so streaming equals offline.
// Early in an input, with little heard yet, the gain leans towards 1.
// Offline, the whole input can be previewed first: its median is then the
// reference from the first frame on (a quiet opening opened the jaw fully, and
// a quiet passage late in a file was judged by a median already sliding to it).
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace facecast::animation {

class LoudnessTracker {
 public:
  static constexpr int kHopSamples = 160;         // 10 ms at 16 kHz
  static constexpr int kSmoothingHops = 2;        // level = mean power of hop +-2 (50 ms)
  static constexpr double kLookahead = 0.045;     // audio needed past a frame
  static constexpr double kFloorDb = -70;         // quieter hops do not count (digital silence)
  static constexpr double kReferencePercentile = 0.50;  // of hops above the floor
  static constexpr double kPriorHops = 20;        // the reference is trusted after ~0.2 s
  static constexpr double kRangeDb = 12;          // this far below the reference = quietest jaw
  static constexpr double kGainDepth = 0.45;      // jaw gain 1 -+ this at loudness_strength 1

  // The whole input, before any push: the reference is its median level
  // throughout (the levels pushed later are not added to it again).
  void preview(std::span<const float> pcm16k);
  void push(std::span<const float> pcm16k);
  void finish();  // the trailing partial hop counts from now on

  bool has_audio() const { return samples_ > 0; }
  double duration() const { return static_cast<double>(samples_) / 16000.0; }
  // Enough audio has arrived to evaluate time t (always true after finish).
  bool ready_for(double t) const;
  // Jaw gain for vowels at time t: 1 at the input's reference level, down to
  // 1 - kGainDepth*strength when kRangeDb quieter, up to 1 + kGainDepth*strength/2
  // when louder. Call with non-decreasing t. 1 when there is no audio.
  float gain_at(double t, double strength);
  // Hops of audio held in memory: bounded however long the input.
  std::size_t held_hops() const { return hops_.size(); }

 private:
  static constexpr int kBins = 160;  // 0.5 dB bins from kFloorDb up to +10 dBFS
  double level_db(std::int64_t hop) const;
  std::int64_t hop_count() const { return base_ + static_cast<std::int64_t>(hops_.size()); }
  double reference_db() const;
  void count_hops_through(std::int64_t last);  // into the reference's histogram

  std::vector<float> hops_;  // mean power per hop, from hop index base_
  std::int64_t base_ = 0;
  double partial_sum_ = 0;
  int partial_count_ = 0;
  std::int64_t samples_ = 0;
  bool finished_ = false;
  std::array<std::uint32_t, kBins> histogram_{};
  std::uint64_t counted_ = 0;
  std::int64_t next_to_count_ = 0;  // next hop to enter the histogram
  bool previewed_ = false;          // the histogram holds the whole input already
};

}  // namespace facecast::animation
