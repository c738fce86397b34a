// Internal: a codec's packets to float samples, for containers whose packets we
// take apart ourselves (matroska_demuxer.h). Opus through libopus, Vorbis
// through libvorbis: the libraries libsndfile uses for the same codecs in Ogg.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "audio/matroska_elements.h"

namespace facecast::audio::detail {

class PacketDecoder {
 public:
  virtual ~PacketDecoder() = default;
  virtual int sample_rate() const = 0;
  virtual int channels() const = 0;
  virtual const char* codec_name() const = 0;  // "opus", "vorbis"
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

// The decoder for an audio track's codec, described as Matroska does (the
// Ogg stream demuxer describes its stream so too). Throws
// Error(UnsupportedFormat) naming any codec but Opus and Vorbis, and
// `container` ("WebM/Matroska", "Ogg").
std::unique_ptr<PacketDecoder> make_track_decoder(const MatroskaAudioTrack& track, const char* container);

// Decodes one packet into `out` (replacing what it held) without the
// encoder's padding at its end (`discard_padding_ns`, the last packet's) and
// returns how many samples at its start are the encoder's lead-in, to be
// skipped (counted down in `lead_in_left`, frames; start it at
// lead_in_frames()). False when the packet is damaged (decoder.error()).
bool decode_trimmed(PacketDecoder& decoder, std::span<const std::byte> packet, std::int64_t discard_padding_ns,
                    std::size_t& lead_in_left, std::vector<float>& out, std::size_t& lead_in_samples);

}  // namespace facecast::audio::detail
