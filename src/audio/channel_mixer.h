// Internal: interleaved channels -> one mono signal, for file, raw and live
// input alike. Channels are averaged; a channel that carries the first one's
// signal with its polarity inverted (a miswired microphone or cable, a
// "phase" switch pressed by mistake) is turned back first: averaged as it is,
// it cancels the voice and leaves a resting face.
#pragma once
#include <cstddef>
#include <vector>

namespace facecast::audio::detail {

class ChannelMixer {
 public:
  explicit ChannelMixer(int channels);

  // Mixes `frames` frames of `interleaved` into `mono`. Every kWindowFrames
  // frames each channel's polarity is judged against the first channel's; a
  // judgement changes only on clear evidence (a correlation beyond
  // ±kClearCorrelation), so silence, noise and unrelated channels keep the
  // last one. Windows run across calls: any chunking gives the same output.
  // No allocation.
  void mix(const float* interleaved, std::size_t frames, float* mono);

  static constexpr std::size_t kWindowFrames = 2048;
  static constexpr double kClearCorrelation = 0.5;

 private:
  void judge_polarity();

  std::size_t channels_;
  std::vector<float> sign_;     // +1 or -1 per channel; the first stays +1
  std::vector<double> cross_;   // per channel, over the window: sum of x0 * xc
  std::vector<double> energy_;  // per channel: sum of xc * xc
  std::size_t window_frames_ = 0;
};

}  // namespace facecast::audio::detail
