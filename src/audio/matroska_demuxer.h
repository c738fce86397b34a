// Internal: the first audio track of a WebM or Matroska file, packet by packet.
// Browsers record into WebM (MediaRecorder's audio/webm: Opus), and a WebM
// video holds its sound the same way; only the audio track is read.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "audio/matroska_elements.h"

namespace facecast::audio::detail {

class MatroskaDemuxer {
 public:
  // Reads the header up to the first cluster. Throws Error(UnsupportedFormat)
  // for a file with no audio track, and Error(CorruptAudio) for a damaged
  // header or a file shorter than its segment states (cut off).
  MatroskaDemuxer(ByteReader read, std::uint64_t size);

  const MatroskaAudioTrack& track() const { return track_; }
  // The duration the file states, in seconds; 0 when it states none (live recordings).
  double stated_duration() const { return duration_s_; }

  // The next packet of the audio track; false at the end. Throws
  // Error(CorruptAudio) on a damaged block.
  bool next(MatroskaPacket& packet);

 private:
  void read_header();
  void read_info(const EbmlElement& info);
  void read_block(const EbmlElement& block, std::int64_t discard_padding_ns);

  EbmlInput input_;
  MatroskaAudioTrack track_;
  double duration_s_ = 0;
  std::uint64_t position_ = 0;     // the next element to read
  std::uint64_t segment_end_ = 0;  // the end of the segment's data (the file's end when unknown)
  BlockFrames frames_;  // of the block being handed out
};

}  // namespace facecast::audio::detail
