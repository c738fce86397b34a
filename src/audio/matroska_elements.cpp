#include "audio/matroska_elements.h"

#include <algorithm>
#include <numeric>
#include <utility>

#include <fmt/format.h>

#include "core/error.h"

namespace facecast::audio::detail {
namespace {

constexpr std::uint64_t kAudioTrackType = 2;
constexpr std::uint64_t kLargestCodecPrivate = 1024 * 1024;

}  // namespace

void matroska_corrupt(const std::string& what, std::uint64_t offset) {
  throw Error(ErrorCode::CorruptAudio, fmt::format("damaged WebM/Matroska file: {} at byte {}", what, offset));
}

namespace {

// The frames a block (SimpleBlock or Block data, `data` whole) carries for
// `track_number`: their sizes, in order, from `first_frame` on in `data`.
// False when the block belongs to another track.
bool split_block(std::span<const std::byte> data, std::uint64_t track_number, std::uint64_t offset_in_input,
                 std::vector<std::size_t>& frame_sizes, std::size_t& first_frame) {
  const auto track = read_ebml_number(data);
  if (!track) matroska_corrupt("a block without a track number", offset_in_input);
  if (track->value != track_number) return false;  // another track (video, a second language)
  std::size_t offset = track->length + 2;          // the block's 16-bit timestamp
  if (offset >= data.size()) matroska_corrupt("a cut block header", offset_in_input);
  const auto flags = static_cast<unsigned>(data[offset++]);
  frame_sizes.clear();

  const unsigned lacing = (flags >> 1) & 3u;
  if (lacing == 0) {
    frame_sizes.push_back(data.size() - offset);
    first_frame = offset;
    return true;
  }
  if (offset >= data.size()) matroska_corrupt("a cut lacing header", offset_in_input);
  const std::size_t count = static_cast<std::size_t>(data[offset++]) + 1;
  if (lacing == 1) {  // Xiph: each size a run of 255s and a last byte below 255
    for (std::size_t i = 0; i + 1 < count; ++i) {
      const auto size = read_xiph_lace_size(data, offset);
      if (!size) matroska_corrupt("a cut Xiph lacing header", offset_in_input);
      frame_sizes.push_back(*size);
    }
  } else if (lacing == 3) {  // EBML: the first size, then signed differences
    std::int64_t size = 0;
    for (std::size_t i = 0; i + 1 < count; ++i) {
      const auto number = read_ebml_number(data.subspan(offset));
      if (!number) matroska_corrupt("a cut EBML lacing header", offset_in_input);
      offset += number->length;
      const auto bias = static_cast<std::int64_t>((std::uint64_t{1} << (7 * number->length - 1)) - 1);
      size = i == 0 ? static_cast<std::int64_t>(number->value) : size + static_cast<std::int64_t>(number->value) - bias;
      if (size < 0) matroska_corrupt("a negative laced frame size", offset_in_input);
      frame_sizes.push_back(static_cast<std::size_t>(size));
    }
  } else {  // fixed: equal frames
    const std::size_t rest = data.size() - offset;
    if (rest % count != 0) matroska_corrupt("fixed-size lacing that does not divide the block", offset_in_input);
    frame_sizes.assign(count - 1, rest / count);
  }
  const std::size_t laced = std::accumulate(frame_sizes.begin(), frame_sizes.end(), std::size_t{0});
  if (offset > data.size() || laced > data.size() - offset)
    matroska_corrupt("laced frames larger than their block", offset_in_input);
  frame_sizes.push_back(data.size() - offset - laced);
  first_frame = offset;
  return true;
}

}  // namespace

void check_matroska_doc_type(EbmlInput& input, const EbmlElement& ebml_header) {
  std::string doc_type = "matroska";  // the specification's default
  for_each_child(input, ebml_header, [&](const EbmlElement& e) {
    if (e.id == matroska_id::kDocType) doc_type = input.string_value(e);
  });
  if (doc_type != "webm" && doc_type != "matroska")
    throw Error(ErrorCode::UnsupportedFormat,
                fmt::format("EBML document of type '{}' is not WebM/Matroska audio", doc_type));
}

void read_audio_track(EbmlInput& input, const EbmlElement& tracks, MatroskaAudioTrack& found) {
  using namespace matroska_id;
  for_each_child(input, tracks, [&](const EbmlElement& entry) {
    if (entry.id != kTrackEntry || found.number != 0) return;
    MatroskaAudioTrack track;
    std::uint64_t type = 0;
    bool encoded = false;
    for_each_child(input, entry, [&](const EbmlElement& e) {
      switch (e.id) {
        case kTrackNumber: track.number = input.unsigned_value(e); break;
        case kTrackType: type = input.unsigned_value(e); break;
        case kCodecId: track.codec_id = input.string_value(e); break;
        case kContentEncodings: encoded = true; break;
        case kCodecPrivate: {
          if (e.size > kLargestCodecPrivate) matroska_corrupt("an over-long codec set-up", e.data);
          const auto bytes = input.bytes(e.data, static_cast<std::size_t>(e.size));
          track.codec_private.assign(bytes.begin(), bytes.end());
          break;
        }
        default: break;
      }
    });
    if (type != kAudioTrackType) return;
    if (track.number == 0) matroska_corrupt("an audio track without a number", entry.data);
    // Compressed or encrypted frames (header stripping, zlib, encryption) need
    // a decoding step of their own that no common audio writer uses.
    if (encoded)
      throw Error(ErrorCode::UnsupportedFormat, "the WebM/Matroska audio track is compressed or encrypted (ContentEncodings)");
    found = std::move(track);
  });
}

GroupedBlock read_block_group(EbmlInput& input, const EbmlElement& group) {
  GroupedBlock grouped;
  for_each_child(input, group, [&](const EbmlElement& e) {
    if (e.id == matroska_id::kBlock) grouped.block = e;
    // DiscardPadding is signed; a negative value discards nothing here.
    if (e.id == matroska_id::kDiscardPadding)
      grouped.discard_padding_ns = std::max<std::int64_t>(static_cast<std::int64_t>(input.unsigned_value(e)), 0);
  });
  return grouped;
}

void BlockFrames::take(std::span<const std::byte> data, std::uint64_t track_number, std::uint64_t offset,
                       std::int64_t discard_padding_ns) {
  if (!split_block(data, track_number, offset, frame_sizes_, next_frame_offset_)) return;
  block_.assign(data.begin(), data.end());
  next_frame_ = 0;
  discard_padding_ns_ = discard_padding_ns;
}

MatroskaPacket BlockFrames::next() {
  const std::size_t size = frame_sizes_[next_frame_];
  MatroskaPacket packet;
  packet.data = std::span<const std::byte>(block_).subspan(next_frame_offset_, size);
  packet.discard_padding_ns = next_frame_ + 1 == frame_sizes_.size() ? discard_padding_ns_ : 0;
  next_frame_offset_ += size;
  ++next_frame_;
  return packet;
}

}  // namespace facecast::audio::detail
