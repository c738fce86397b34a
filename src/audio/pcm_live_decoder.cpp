// Live raw PCM chunks to 16 kHz mono. Bytes are staged in a fixed buffer so a
// chunk may end anywhere, even inside a sample; every whole frame is
// converted at once (no added latency) and the rest waits for the next chunk.
// All buffers are sized at construction.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "audio/audio_checks.h"
#include "audio/channel_mixer.h"
#include "audio/live_decoder.h"
#include "audio/pcm_bytes.h"
#include "audio/resampler.h"

namespace facecast::audio::detail {
namespace {

class PcmLiveDecoder final : public LiveDecoder {
 public:
  static constexpr std::size_t kBlockFrames = 4096;

  explicit PcmLiveDecoder(const RawFormat& f)
      : format_(f),
        frame_bytes_(static_cast<std::size_t>(bytes_per_sample(f.encoding)) * f.channels),
        pending_(kBlockFrames * frame_bytes_),
        interleaved_(kBlockFrames * f.channels),
        mono_(kBlockFrames),
        mixer_(f.channels),
        resampler_(f.sample_rate) {}

  void push(std::span<const std::byte> chunk, std::vector<float>& out) override {
    while (!chunk.empty()) {
      const std::size_t take = std::min(chunk.size(), pending_.size() - pending_bytes_);
      std::memcpy(pending_.data() + pending_bytes_, chunk.data(), take);
      pending_bytes_ += take;
      chunk = chunk.subspan(take);
      convert_pending(out);
    }
  }

  void finish(std::vector<float>& out) override {
    flaws_.partial_frame_bytes += pending_bytes_;  // a partial frame at the very end cannot form a sample
    pending_bytes_ = 0;
    resampler_.finish(out);
    resampler_.reset();  // ready for a new stream with the same format
  }

 private:
  // Converts the whole frames staged in `pending_`, keeps the partial one.
  void convert_pending(std::vector<float>& out) {
    const std::size_t frames = pending_bytes_ / frame_bytes_;
    if (frames == 0) return;
    const std::size_t count = frames * format_.channels;
    pcm_to_float(pending_.data(), count, format_.encoding, interleaved_.data());
    for (std::size_t i = 0; i < count; ++i) {
      if (!std::isfinite(interleaved_[i])) {
        interleaved_[i] = 0.0f;  // live input never throws
        ++flaws_.non_finite_samples;
      }
    }
    mixer_.mix(interleaved_.data(), frames, mono_.data());
    resampler_.push(mono_.data(), frames, out);
    const std::size_t used = frames * frame_bytes_;
    std::memmove(pending_.data(), pending_.data() + used, pending_bytes_ - used);
    pending_bytes_ -= used;
  }

  RawFormat format_;
  std::size_t frame_bytes_;
  std::vector<std::byte> pending_;  // staged input bytes, at most kBlockFrames frames
  std::size_t pending_bytes_ = 0;
  std::vector<float> interleaved_;
  std::vector<float> mono_;
  ChannelMixer mixer_;
  MonoResampler resampler_;
};

}  // namespace

std::unique_ptr<LiveDecoder> make_pcm_live_decoder(const RawFormat& format) {
  check_raw_layout(format.sample_rate, format.channels);
  return std::make_unique<PcmLiveDecoder>(format);
}

}  // namespace facecast::audio::detail
