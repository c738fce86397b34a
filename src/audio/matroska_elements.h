// Internal: the Matroska elements Facecast reads, shared by the file demuxer
// (matroska_demuxer.h) and the live WebM parser (webm_stream_demuxer.h): their
// IDs, the document type check, the audio track's entry and a block's frames.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "audio/ebml.h"

namespace facecast::audio::detail {

// Element IDs (Matroska specification, RFC 9559).
namespace matroska_id {
constexpr std::uint32_t kEbml = 0x1A45DFA3, kDocType = 0x4282;
constexpr std::uint32_t kSegment = 0x18538067, kCluster = 0x1F43B675;
constexpr std::uint32_t kInfo = 0x1549A966, kTimestampScale = 0x2AD7B1, kDuration = 0x4489;
constexpr std::uint32_t kTracks = 0x1654AE6B, kTrackEntry = 0xAE, kTrackNumber = 0xD7, kTrackType = 0x83;
constexpr std::uint32_t kCodecId = 0x86, kCodecPrivate = 0x63A2, kContentEncodings = 0x6D80;
constexpr std::uint32_t kSimpleBlock = 0xA3, kBlockGroup = 0xA0, kBlock = 0xA1, kDiscardPadding = 0x75A2;
}  // namespace matroska_id

// Far beyond any block of compressed audio (an Opus packet is at most 1275
// bytes a stream, a block laces a few dozen): a larger size is damage.
constexpr std::uint64_t kLargestMatroskaBlock = 16 * 1024 * 1024;

struct MatroskaAudioTrack {
  std::uint64_t number = 0;  // 0: none found
  std::string codec_id;      // "A_OPUS", "A_VORBIS", ...
  // The codec's set-up (OpusHead; the Vorbis headers). Rate and channels are
  // taken from it, not from the track's Audio element: Opus decodes at 48 kHz
  // whatever rate the track states.
  std::vector<std::byte> codec_private;
};

struct MatroskaPacket {
  std::span<const std::byte> data;  // valid until the demuxer's next call to next() or push()
  // Nanoseconds of decoded audio to drop from the end of this packet (the
  // encoder's padding after the last real sample); 0 for most packets.
  std::int64_t discard_padding_ns = 0;
};

// Throws Error(CorruptAudio) naming the byte: "damaged WebM/Matroska file: ...".
[[noreturn]] void matroska_corrupt(const std::string& what, std::uint64_t offset);

// Calls f for each child of `parent`, whose data must be whole in the input.
template <typename F>
void for_each_child(EbmlInput& input, const EbmlElement& parent, F&& f) {
  std::uint64_t position = parent.data;
  while (position < parent.end()) {
    const auto child = input.element_at(position);
    if (!child || child->unknown_size || child->end() > parent.end())
      matroska_corrupt("an element overruns its parent", position);
    f(*child);
    position = child->end();
  }
}

// Checks the EBML header's DocType: throws Error(UnsupportedFormat) for a
// document other than WebM or Matroska.
void check_matroska_doc_type(EbmlInput& input, const EbmlElement& ebml_header);

// The first audio track of a Tracks element, or `found` unchanged when it
// holds none (found.number == 0 on return: no audio track yet). Throws
// Error(UnsupportedFormat) for compressed or encrypted frames.
void read_audio_track(EbmlInput& input, const EbmlElement& tracks, MatroskaAudioTrack& found);

// A BlockGroup's Block and the nanoseconds of decoded audio to drop from its
// end (DiscardPadding: the encoder's padding after the last real sample).
struct GroupedBlock {
  std::optional<EbmlElement> block;
  std::int64_t discard_padding_ns = 0;
};
GroupedBlock read_block_group(EbmlInput& input, const EbmlElement& group);

// The frames of the last block read for the audio track, handed out one by
// one (a block may lace several). Its buffers are kept from block to block.
class BlockFrames {
 public:
  void reserve(std::size_t bytes) { block_.reserve(bytes); }
  // Takes a block's data (SimpleBlock or Block, whole; at `offset` in the
  // input, for errors) when it belongs to `track_number`; the frames of the
  // previous block must all have been handed out. Throws Error(CorruptAudio)
  // for damaged lacing.
  void take(std::span<const std::byte> data, std::uint64_t track_number, std::uint64_t offset,
            std::int64_t discard_padding_ns);
  bool empty() const { return next_frame_ >= frame_sizes_.size(); }
  // The next frame (call when !empty()); its bytes stay valid until take().
  MatroskaPacket next();

 private:
  std::vector<std::byte> block_;
  std::vector<std::size_t> frame_sizes_;
  std::size_t next_frame_ = 0;
  std::size_t next_frame_offset_ = 0;
  std::int64_t discard_padding_ns_ = 0;
};

}  // namespace facecast::audio::detail
