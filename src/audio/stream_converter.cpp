// StreamConverter: live raw PCM chunks to 16 kHz mono. Bytes are staged in a
// fixed buffer so a chunk may end anywhere, even inside a sample; every whole
// frame is converted at once (no added latency) and the rest waits for the
// next chunk. All buffers are sized at construction.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "audio/audio_checks.h"
#include "audio/decode.h"
#include "audio/pcm_bytes.h"
#include "audio/channel_mixer.h"
#include "audio/resampler.h"

namespace facecast::audio {

struct StreamConverter::Impl {
  static constexpr std::size_t kBlockFrames = 4096;

  explicit Impl(const RawFormat& f)
      : format(f),
        frame_bytes(static_cast<std::size_t>(detail::bytes_per_sample(f.encoding)) * f.channels),
        pending(kBlockFrames * frame_bytes),
        interleaved(kBlockFrames * f.channels),
        mono(kBlockFrames),
        mixer(f.channels),
        resampler(f.sample_rate) {}

  // Converts the whole frames staged in `pending`, keeps the partial one.
  void convert_pending(std::vector<float>& out) {
    const std::size_t frames = pending_bytes / frame_bytes;
    if (frames == 0) return;
    const std::size_t count = frames * format.channels;
    detail::pcm_to_float(pending.data(), count, format.encoding, interleaved.data());
    for (std::size_t i = 0; i < count; ++i) {
      if (!std::isfinite(interleaved[i])) {
        interleaved[i] = 0.0f;  // live input never throws
        ++flaws.non_finite_samples;
      }
    }
    mixer.mix(interleaved.data(), frames, mono.data());
    resampler.push(mono.data(), frames, out);
    const std::size_t used = frames * frame_bytes;
    std::memmove(pending.data(), pending.data() + used, pending_bytes - used);
    pending_bytes -= used;
  }

  RawFormat format;
  std::size_t frame_bytes;
  std::vector<std::byte> pending;  // staged input bytes, at most kBlockFrames frames
  std::size_t pending_bytes = 0;
  RawInputFlaws flaws;
  std::vector<float> interleaved;
  std::vector<float> mono;
  detail::ChannelMixer mixer;
  detail::MonoResampler resampler;
};

StreamConverter::StreamConverter(const RawFormat& format) {
  detail::check_raw_layout(format.sample_rate, format.channels);
  impl_ = new Impl(format);
}

StreamConverter::~StreamConverter() { delete impl_; }

void StreamConverter::push(std::span<const std::byte> chunk, std::vector<float>& out) {
  Impl& s = *impl_;
  while (!chunk.empty()) {
    const std::size_t take = std::min(chunk.size(), s.pending.size() - s.pending_bytes);
    std::memcpy(s.pending.data() + s.pending_bytes, chunk.data(), take);
    s.pending_bytes += take;
    chunk = chunk.subspan(take);
    s.convert_pending(out);
  }
}

void StreamConverter::finish(std::vector<float>& out) {
  Impl& s = *impl_;
  s.flaws.partial_frame_bytes += s.pending_bytes;  // a partial frame at the very end cannot form a sample
  s.pending_bytes = 0;
  s.resampler.finish(out);
  s.resampler.reset();  // ready for a new stream with the same format
}

const RawInputFlaws& StreamConverter::flaws() const { return impl_->flaws; }

}  // namespace facecast::audio
