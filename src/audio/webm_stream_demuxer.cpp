#include "audio/webm_stream_demuxer.h"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include "core/error.h"

namespace facecast::audio::detail {

using namespace matroska_id;

namespace {

// Room for the pieces a recorder sends (MediaRecorder's are a few KiB each):
// the buffer grows beyond it only for a larger element, and then stays.
constexpr std::size_t kReservedBytes = 64 * 1024;
constexpr std::size_t kLongestHeader = 12;  // a 4-byte ID and an 8-byte size
// Cues, tags and video frames are passed without being kept; one larger than
// this is a damaged size, which would otherwise swallow the rest of the stream.
constexpr std::uint64_t kLargestSkipped = 256 * 1024 * 1024;
constexpr unsigned char kEbmlMagic[] = {0x1A, 0x45, 0xDF, 0xA3};  // the EBML header's ID

}  // namespace

WebmStreamDemuxer::WebmStreamDemuxer() {
  buffer_.reserve(kReservedBytes);
  frames_.reserve(kReservedBytes);
}

void WebmStreamDemuxer::push(std::span<const std::byte> bytes) {
  // Pass what an element being skipped still covers without keeping it.
  const auto skipped = static_cast<std::size_t>(std::min<std::uint64_t>(skip_left_, bytes.size()));
  skip_left_ -= skipped;
  dropped_ += skipped;
  bytes = bytes.subspan(skipped);
  if (bytes.empty()) return;
  // Drop what has been read before appending, so the buffer holds one element at most.
  if (position_ > 0) {
    buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(position_));
    dropped_ += position_;
    position_ = 0;
  }
  buffer_.insert(buffer_.end(), bytes.begin(), bytes.end());
}

bool WebmStreamDemuxer::next(MatroskaPacket& packet) {
  while (frames_.empty()) {
    if (skip_left_ > 0 || !read_element()) return false;
  }
  packet = frames_.next();
  return true;
}

EbmlInput WebmStreamDemuxer::element_input(const EbmlElement& element) const {
  // Offsets stay the stream's own, so errors name the byte in the stream.
  const std::uint64_t first = dropped_;
  const std::span<const std::byte> held(buffer_);
  return EbmlInput(
      [first, held](std::uint64_t offset, std::size_t count) {
        const auto from = static_cast<std::size_t>(offset - first);
        const auto piece = held.subspan(from, std::min(count, held.size() - from));
        return std::vector<std::byte>(piece.begin(), piece.end());
      },
      element.end());
}

bool WebmStreamDemuxer::read_element() {
  const std::uint64_t offset = dropped_ + position_;
  const auto unread = std::span<const std::byte>(buffer_).subspan(position_);
  if (!header_read_) {  // judged on the first four bytes, however the pieces cut them
    if (unread.size() < sizeof kEbmlMagic) return false;
    if (std::memcmp(unread.data(), kEbmlMagic, sizeof kEbmlMagic) != 0)
      throw Error(ErrorCode::UnsupportedFormat, "the stream is not WebM: it does not begin with an EBML header");
  }
  const auto element = parse_element_header(unread.first(std::min(unread.size(), kLongestHeader)), offset);
  if (!element) return false;
  const auto header_bytes = static_cast<std::size_t>(element->data - offset);

  if (header_read_ && (element->id == kSegment || element->id == kCluster)) {
    position_ += header_bytes;  // their children are read one by one: a recorder gives no size
    return true;
  }
  if (element->unknown_size) matroska_corrupt("an element of unknown size that is not a segment or cluster", offset);

  bool read_whole = element->id == kEbml || element->id == kTracks || element->id == kSimpleBlock ||
                    element->id == kBlockGroup;
  if (element->id == kSimpleBlock && track_.number != 0) {  // another track's (video) is passed, not kept
    const auto track = read_ebml_number(unread.subspan(header_bytes));
    if (!track) return false;
    read_whole = track->value == track_.number;
  }
  if (!read_whole) {  // passed without being kept (cues, tags, video frames)
    if (element->size > kLargestSkipped) matroska_corrupt("an over-large element", offset);
    const std::uint64_t held = unread.size() - header_bytes;
    const std::uint64_t take = std::min(element->size, held);
    position_ += header_bytes + static_cast<std::size_t>(take);
    skip_left_ = element->size - take;
    return true;
  }
  if (element->size > kLargestMatroskaBlock) matroska_corrupt("an over-large element", offset);
  if (unread.size() - header_bytes < element->size) return false;  // wait for the rest
  const auto data = unread.subspan(header_bytes, static_cast<std::size_t>(element->size));

  switch (element->id) {
    case kEbml:
      if (!header_read_) {
        EbmlInput input = element_input(*element);
        check_matroska_doc_type(input, *element);
        header_read_ = true;
      }
      break;
    case kTracks:
      if (track_.number == 0) {
        EbmlInput input = element_input(*element);
        read_audio_track(input, *element, track_);
        if (track_.number == 0) throw Error(ErrorCode::UnsupportedFormat, "the WebM stream has no audio track");
      }
      break;
    case kSimpleBlock:
      take_block(data, element->data, 0);
      break;
    default: {  // kBlockGroup
      EbmlInput input = element_input(*element);
      const auto grouped = read_block_group(input, *element);
      if (grouped.block) {
        const auto from = static_cast<std::size_t>(grouped.block->data - dropped_);
        take_block(std::span<const std::byte>(buffer_).subspan(from, static_cast<std::size_t>(grouped.block->size)),
                   grouped.block->data, grouped.discard_padding_ns);
      }
    }
  }
  position_ += header_bytes + data.size();
  return true;
}

void WebmStreamDemuxer::take_block(std::span<const std::byte> data, std::uint64_t offset,
                                   std::int64_t discard_padding_ns) {
  if (track_.number == 0) matroska_corrupt("a block before the track list", offset);
  frames_.take(data, track_.number, offset, discard_padding_ns);
}

}  // namespace facecast::audio::detail
