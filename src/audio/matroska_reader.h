// Internal: the audio of a WebM or Matroska file (Opus or Vorbis) decoded to
// float frames, read the way AudioSource reads the other formats.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "audio/matroska_demuxer.h"
#include "audio/packet_decoder.h"

namespace facecast::audio::detail {

class MatroskaReader {
 public:
  // Throws Error(UnsupportedFormat) for a file without an Opus or Vorbis audio
  // track, Error(CorruptAudio) for a damaged or cut header.
  MatroskaReader(ByteReader read, std::uint64_t size);

  int sample_rate() const { return decoder_->sample_rate(); }
  int channels() const { return decoder_->channels(); }
  std::string codec_name() const { return decoder_->codec_name(); }  // "opus", "vorbis"
  // The length the file states (rounded to a frame), 0 when it states none.
  // An estimate: Matroska durations are rounded to the file's time scale.
  long long stated_frames() const;

  // Up to `frames` interleaved float frames into out; 0 at the end; -1 when a
  // packet is damaged (error() says how).
  long long read(float* out, long long frames);
  const std::string& error() const { return error_; }

 private:
  bool decode_next_packet();  // false at the end, or on damage (error_ set)

  MatroskaDemuxer demuxer_;
  std::unique_ptr<PacketDecoder> decoder_;
  std::string error_;
  std::size_t lead_in_left_ = 0;  // frames still to drop from the start
  std::vector<float> decoded_;    // the packet being handed out, interleaved
  std::size_t decoded_used_ = 0;  // samples of decoded_ already handed out
};

}  // namespace facecast::audio::detail
