// Internal: an Ogg stream read as its bytes arrive, the way Firefox's
// MediaRecorder sends audio/ogg (Opus) in pieces. libogg finds the pages and
// joins their packets; the first logical stream's codec set-up (OpusHead, or
// Vorbis's three headers) is described as Matroska would describe it (codec
// ID and CodecPrivate), so the same packet decoders serve both containers.
#pragma once
#include <ogg/ogg.h>

#include <cstddef>
#include <span>
#include <vector>

#include "audio/matroska_elements.h"

namespace facecast::audio::detail {

class OggStreamDemuxer {
 public:
  OggStreamDemuxer();
  ~OggStreamDemuxer();
  OggStreamDemuxer(const OggStreamDemuxer&) = delete;
  OggStreamDemuxer& operator=(const OggStreamDemuxer&) = delete;

  // Appends bytes (no parsing happens here).
  void push(std::span<const std::byte> bytes);

  // The next audio packet that has arrived whole; false when more bytes are
  // needed. Throws Error(UnsupportedFormat) for a stream that is not Ogg, and
  // Error(CorruptAudio) for damaged codec headers. The packet's bytes stay
  // valid until the next call to push() or next().
  bool next(MatroskaPacket& packet);

  // The codec set-up, once its header packets have arrived (number 0 before).
  const MatroskaAudioTrack& track() const { return track_; }
  // Bytes received but not yet part of a whole page.
  std::size_t unread_bytes() const;

 private:
  bool next_page();  // feeds the first stream's next page to stream_; false when none is whole
  void read_header_packet(std::span<const std::byte> packet);

  ogg_sync_state sync_{};
  ogg_stream_state stream_{};
  bool stream_started_ = false;
  bool checked_capture_ = false;   // the first bytes said "OggS"
  bool skip_opus_tags_ = false;    // OpusTags, the packet after OpusHead, is still to come
  int vorbis_headers_ = 0;         // Vorbis header packets seen (3 before audio)
  std::vector<std::byte> vorbis_header_bytes_;
  std::vector<std::size_t> vorbis_header_sizes_;
  MatroskaAudioTrack track_;
};

}  // namespace facecast::audio::detail
