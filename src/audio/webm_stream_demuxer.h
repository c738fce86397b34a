// Internal: a WebM stream read as its bytes arrive, the way a browser's
// MediaRecorder sends audio/webm in pieces (a segment and clusters of unknown
// size, each block written once). push() takes bytes cut anywhere; next()
// hands out the audio track's packets as soon as their block is whole. A
// file's demuxer (matroska_demuxer.h) can look ahead and check sizes against
// the file's end; a stream cannot, so this one keeps only the element it is
// reading and drops the rest (video frames, cues) as they pass.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "audio/matroska_elements.h"

namespace facecast::audio::detail {

class WebmStreamDemuxer {
 public:
  WebmStreamDemuxer();

  // Appends bytes to those still unread (no parsing happens here).
  void push(std::span<const std::byte> bytes);

  // The next packet of the audio track whose block has arrived whole; false
  // when more bytes are needed. Throws Error(CorruptAudio) for a damaged
  // stream and Error(UnsupportedFormat) for a document that is not
  // WebM/Matroska or whose track list has no audio track. The packet's bytes
  // stay valid until the next call to push() or next().
  bool next(MatroskaPacket& packet);

  // The audio track, once its track list has been read (number 0 before).
  const MatroskaAudioTrack& track() const { return track_; }
  // Bytes received but not yet part of a whole element: at the end of a
  // stream, a block cut short.
  std::size_t unread_bytes() const { return buffer_.size() - position_; }

 private:
  bool read_element();  // one element, or false when it is not whole yet
  EbmlInput element_input(const EbmlElement& element) const;
  void take_block(std::span<const std::byte> data, std::uint64_t offset, std::int64_t discard_padding_ns);

  std::vector<std::byte> buffer_;  // bytes from absolute offset `dropped_` on
  std::uint64_t dropped_ = 0;      // bytes before buffer_[0], already read
  std::size_t position_ = 0;       // in buffer_: the next element's header
  std::uint64_t skip_left_ = 0;    // bytes still to pass of an element not read (video, cues)
  bool header_read_ = false;       // the EBML header has been checked
  MatroskaAudioTrack track_;
  BlockFrames frames_;  // of the block being handed out
};

}  // namespace facecast::audio::detail
