// Internal: what StreamConverter runs for each kind of live input: bytes in
// pieces cut anywhere, 16 kHz mono floats out through the same mixer and
// resampler as files (channel_mixer.h, resampler.h).
#pragma once
#include <cstddef>
#include <memory>
#include <span>
#include <vector>

#include "audio/decode.h"

namespace facecast::audio::detail {

class LiveDecoder {
 public:
  virtual ~LiveDecoder() = default;
  virtual void push(std::span<const std::byte> chunk, std::vector<float>& out) = 0;  // appends to out
  virtual void finish(std::vector<float>& out) = 0;  // the input's end: flushes, ready for a new stream
  const RawInputFlaws& flaws() const { return flaws_; }

 protected:
  RawInputFlaws flaws_;
};

// Headerless PCM (pcm_live_decoder.cpp): never throws past construction.
std::unique_ptr<LiveDecoder> make_pcm_live_decoder(const RawFormat& format);
// A WebM or Ogg stream (packet_live_decoder.cpp).
std::unique_ptr<LiveDecoder> make_webm_live_decoder();
std::unique_ptr<LiveDecoder> make_ogg_live_decoder();

}  // namespace facecast::audio::detail
