// Internal: a codec's packets to float samples, for containers whose packets we
// take apart ourselves (matroska_demuxer.h). Opus through libopus, Vorbis
// through libvorbis: the libraries libsndfile uses for the same codecs in Ogg.
#pragma once
#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace facecast::audio::detail {

class PacketDecoder {
 public:
  virtual ~PacketDecoder() = default;
  virtual int sample_rate() const = 0;
  virtual int channels() const = 0;
  // Frames at the start of the decoded stream that are the encoder's
  // lead-in, not audio (Opus's pre-skip).
  virtual std::size_t lead_in_frames() const { return 0; }
  // Decodes one packet, appending interleaved frames to `out`. False when the
  // packet is damaged (error() says how).
  virtual bool decode(std::span<const std::byte> packet, std::vector<float>& out) = 0;
  const std::string& error() const { return error_; }

 protected:
  std::string error_;
};

// From the track's codec set-up (Matroska CodecPrivate). Throw
// Error(CorruptAudio) when the set-up is damaged, Error(UnsupportedFormat)
// for a channel layout the codec's library cannot decode.
std::unique_ptr<PacketDecoder> make_opus_decoder(std::span<const std::byte> opus_head);
std::unique_ptr<PacketDecoder> make_vorbis_decoder(std::span<const std::byte> xiph_laced_headers);

}  // namespace facecast::audio::detail
